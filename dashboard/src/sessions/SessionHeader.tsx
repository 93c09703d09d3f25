import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApi } from '../api/ApiContext';
import { getSessionHar } from '../api/endpoints';
import type { Session } from '../api/types';
import { harFilename, saveBlob } from '../download/saveBlob';
import { formatCount } from '../format/numbers';
import { formatDateTime, formatDuration } from '../format/time';
import { LIVE_HREF } from '../router/routes';

/** The session's identity and totals, with HAR download and a jump to its live tail. */
export function SessionHeader({ session }: { session: Session }) {
  const platform = [session.browser, session.os, session.device_type].filter(Boolean).join(' · ');
  const viewport = session.viewport_width && session.viewport_height ? `${session.viewport_width}×${session.viewport_height}` : null;
  return (
    <header class="session-head">
      <div class="session-head__top">
        <a class="back-link" href="#/sessions" data-testid="back-to-sessions">
          ← Sessions
        </a>
        <h1 class="page-title mono truncate" title={session.session_id} data-testid="session-title">
          {session.session_id}
        </h1>
        <span class="spacer" />
        <a class="button button--ghost" href={`${LIVE_HREF}?session_id=${encodeURIComponent(session.session_id)}`} data-testid="watch-live">
          Watch live
        </a>
        <HarButton sessionId={session.session_id} />
      </div>
      <dl class="session-facts" data-testid="session-facts">
        <Fact label="User">{session.user_id ?? 'anonymous'}</Fact>
        <Fact label="Started">{formatDateTime(session.started_at)}</Fact>
        <Fact label="Duration">{formatDuration(session.duration_ms)}</Fact>
        <Fact label="Pages">{formatCount(session.page_count)}</Fact>
        <Fact label="Events">{formatCount(session.event_count)}</Fact>
        <Fact label="Errors">
          <span class={session.error_count > 0 ? 'pill pill--error' : ''}>{formatCount(session.error_count)}</span>
        </Fact>
        <Fact label="Platform">{platform || 'unknown'}</Fact>
        {viewport && <Fact label="Viewport">{viewport}</Fact>}
        {session.page_url && (
          <Fact label="Entry page" wide>
            <span class="mono" title={session.page_url}>
              {session.page_url}
            </span>
          </Fact>
        )}
      </dl>
    </header>
  );
}

function Fact({ label, children, wide }: { label: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <div class={wide ? 'session-facts__item session-facts__item--wide' : 'session-facts__item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function HarButton({ sessionId }: { sessionId: string }) {
  const api = useApi();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const blob = await getSessionHar(api, sessionId);
      saveBlob(blob, harFilename(sessionId));
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : 'Download failed' });
    }
  };
  return (
    <span class="har">
      <button type="button" class="button" onClick={() => void download()} disabled={state.busy} data-testid="har-download">
        {state.busy ? 'Preparing HAR…' : 'Download HAR'}
      </button>
      {state.error && (
        <span class="notice notice--error notice--inline" role="alert" data-testid="har-error">
          {state.error}
        </span>
      )}
    </span>
  );
}
