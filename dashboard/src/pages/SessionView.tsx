import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import { getScreenshotBlob, getSession, listAllSessionEvents, listScreenshots } from '../api/endpoints';
import type { Envelope, Screenshot, Session } from '../api/types';
import { DetailPane } from '../detail/DetailPane';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { Loading } from '../components/Loading';
import { useAsync } from '../hooks/useAsync';
import { currentIndex } from '../replay/currentEvent';
import { ReplayPlayer, type PlacedScreenshot } from '../replay/ReplayPlayer';
import { ScreenshotCache } from '../replay/ScreenshotCache';
import { useReplayClock, useReplayDerived } from '../replay/useReplayClock';
import { SessionHeader } from '../sessions/SessionHeader';
import { buildTimeline, type TimelineItem } from '../timeline/buildTimeline';
import { filterTimeline } from '../timeline/filterTimeline';
import { TimelineList } from '../timeline/TimelineList';
import { TimelineToolbar } from '../timeline/TimelineToolbar';
import type { ReplayState } from '../replay/ReplayClock';

interface SessionData {
  session: Session;
  events: Envelope[];
  capped: boolean;
  screenshots: Screenshot[];
  screenshotsError: Error | null;
}

/** Most events loaded for one session view; a longer session says so above the timeline. */
const MAX_EVENTS = 50_000;

/** One session: header, replay player, the timeline with its filters, and the detail pane. */
export function SessionView({ sessionId, initialSeq }: { sessionId: string; initialSeq: number | null }) {
  const api = useApi();
  const result = useAsync<SessionData>(
    async (signal) => {
      const screenshotsLoad = listScreenshots(api, sessionId, signal).then(
        (r) => ({ screenshots: r.data, screenshotsError: null }),
        // Screenshots are a bonus: without them the timeline still works (a 401 still signs out).
        (e: unknown) => ({ screenshots: [] as Screenshot[], screenshotsError: e instanceof Error ? e : new Error(String(e)) }),
      );
      const [session, events, shots] = await Promise.all([
        getSession(api, sessionId, signal),
        listAllSessionEvents(api, sessionId, { maxEvents: MAX_EVENTS, signal }),
        screenshotsLoad,
      ]);
      return { session, events: events.events, capped: events.capped, ...shots };
    },
    [api, sessionId],
  );

  if (result.status === 'error') {
    const notFound = result.error instanceof ApiError && result.error.status === 404;
    return (
      <section class="session-view">
        <a class="back-link" href="#/sessions">
          ← Sessions
        </a>
        {notFound ? (
          <EmptyState title="No such session">It may have been removed by retention, or the link is wrong.</EmptyState>
        ) : (
          <ErrorBox title="Could not load this session" error={result.error} onRetry={result.reload} />
        )}
      </section>
    );
  }
  if (!result.data) {
    return (
      <section class="session-view">
        <Loading label="Loading session…" />
      </section>
    );
  }
  return <LoadedSession data={result.data} initialSeq={initialSeq} />;
}

function LoadedSession({ data, initialSeq }: { data: SessionData; initialSeq: number | null }) {
  const api = useApi();
  const { session } = data;
  const timeline = useMemo(() => buildTimeline(data.events, session), [data.events, session]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const [selectedSeq, setSelectedSeq] = useState<number | null>(initialSeq);
  const visible = useMemo(() => filterTimeline(timeline.items, { hiddenCategories: hidden, text }), [timeline, hidden, text]);

  const replay = useReplayClock(timeline.spanMs);
  const [cache] = useState(() => new ScreenshotCache((id, signal) => getScreenshotBlob(api, id, signal)));
  useEffect(() => () => cache.dispose(), [cache]);

  const screenshots: PlacedScreenshot[] = useMemo(
    () =>
      [...data.screenshots]
        .sort((a, b) => a.ts - b.ts)
        .map((s) => ({ screenshot: s, offsetMs: (s.ts - timeline.originUs) / 1000 })),
    [data.screenshots, timeline.originUs],
  );

  // Which visible row is "now": recomputed on every tick, but re-renders only when it changes.
  const starts = useMemo(() => visible.map((i) => i.startMs), [visible]);
  const deriveCurrent = useCallback((state: ReplayState) => {
    const index = currentIndex(starts, state.positionMs);
    return index >= 0 ? visible[index].seq : null;
  }, [starts, visible]);
  const currentSeq = useReplayDerived(replay, deriveCurrent);
  const playing = useReplayDerived(replay, isPlaying);
  const currentItem = currentSeq === null ? null : visible.find((i) => i.seq === currentSeq) ?? null;

  const selected = selectedSeq === null ? null : timeline.items.find((i) => i.seq === selectedSeq) ?? null;

  // Opening `#/sessions/<id>?seq=n` puts the playhead on that event (before the first paint).
  useLayoutEffect(() => {
    if (initialSeq === null) return;
    const item = timeline.items.find((i) => i.seq === initialSeq);
    if (item) replay.seek(item.startMs);
    // once, for the seq the page was opened with
  }, []);

  const onSelect = useCallback(
    (item: TimelineItem) => {
      setSelectedSeq(item.seq);
      replay.seek(item.startMs); // the screenshot follows the row being read
    },
    [replay],
  );

  const toggle = useCallback((category: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(category)) next.delete(category);
      else next.add(category);
      return next;
    });
  }, []);

  return (
    <section class="session-view" data-testid="session-view" data-session-id={session.session_id}>
      <SessionHeader session={session} />
      {data.screenshotsError && !(data.screenshotsError instanceof ApiError && data.screenshotsError.status === 404) && (
        <p class="notice notice--warn" data-testid="screenshots-error">
          Screenshots could not be loaded: {data.screenshotsError.message}
        </p>
      )}
      {data.capped && (
        <p class="notice notice--warn" data-testid="events-capped">
          This session has more than {MAX_EVENTS.toLocaleString('en-US')} events; the first {data.events.length.toLocaleString('en-US')} are shown.
        </p>
      )}
      <div class="session-layout">
        <div class="session-main">
          <ReplayPlayer replay={replay} screenshots={screenshots} cache={cache} currentLabel={currentItem ? `${currentItem.type} · ${currentItem.summary}` : null} />
          <TimelineToolbar
            categories={timeline.categories}
            hidden={hidden}
            onToggle={toggle}
            onShowAll={() => setHidden(new Set())}
            text={text}
            onText={setText}
            shown={visible.length}
            total={timeline.items.length}
          />
          {timeline.items.length === 0 ? (
            <EmptyState title="No events in this session">The session exists but none of its events are stored (retention may have removed them).</EmptyState>
          ) : visible.length === 0 ? (
            <EmptyState title="No events match these filters">
              <button
                type="button"
                class="button"
                onClick={() => {
                  setHidden(new Set());
                  setText('');
                }}
              >
                Show everything
              </button>
            </EmptyState>
          ) : (
            <TimelineList items={visible} spanMs={timeline.spanMs} currentSeq={currentSeq} selectedSeq={selectedSeq} followCurrent={playing} onSelect={onSelect} />
          )}
        </div>
        <DetailPane item={selected} onClose={() => setSelectedSeq(null)} />
      </div>
    </section>
  );
}

function isPlaying(state: ReplayState): boolean {
  return state.playing;
}
