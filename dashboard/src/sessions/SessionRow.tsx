import type { Session } from '../api/types';
import { formatCount } from '../format/numbers';
import { formatDateTime, formatDuration } from '../format/time';
import { sessionHref } from '../router/routes';
import { navigate } from '../router/useHashRoute';

/** One session in the list: when, how long, how much happened, on what, by whom. */
export function SessionRow({ session }: { session: Session }) {
  const href = sessionHref(session.session_id);
  const platform = [session.browser, session.os, session.device_type].filter(Boolean).join(' · ');
  return (
    <tr
      class="session-row"
      data-testid="session-row"
      data-session-id={session.session_id}
      onClick={(e) => {
        // The link in the first cell handles its own clicks (and middle-clicks, new tabs).
        if (!(e.target instanceof Element && e.target.closest('a'))) navigate(href);
      }}
    >
      <td class="nowrap">
        <a href={href} data-testid="session-link">
          {formatDateTime(session.started_at)}
        </a>
      </td>
      <td class="nowrap num">{formatDuration(session.duration_ms)}</td>
      <td class="truncate" title={session.user_id ?? undefined}>
        {session.user_id ?? <span class="muted">anonymous</span>}
      </td>
      <td class="num">{formatCount(session.page_count)}</td>
      <td class="num">{formatCount(session.event_count)}</td>
      <td class="num">
        {session.error_count > 0 ? <span class="pill pill--error" data-testid="session-errors">{formatCount(session.error_count)}</span> : <span class="muted">0</span>}
      </td>
      <td class="truncate" title={session.user_agent ?? undefined}>
        {platform || <span class="muted">unknown</span>}
      </td>
      <td class="truncate mono url-cell" title={session.page_url ?? undefined}>
        {session.page_url ?? ''}
      </td>
      <td class="nowrap muted">{formatDateTime(session.last_activity_at)}</td>
    </tr>
  );
}

export const SESSION_COLUMNS = ['Started', 'Duration', 'User', 'Pages', 'Events', 'Errors', 'Browser · OS · Device', 'Entry page', 'Last activity'];
