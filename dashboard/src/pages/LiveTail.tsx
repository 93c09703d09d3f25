import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { formatCount, formatRate } from '../format/numbers';
import { useInterval } from '../hooks/useInterval';
import { LiveRowView } from '../live/LiveRowView';
import { LiveSelectorsForm } from '../live/LiveSelectorsForm';
import { LiveStream, type StreamStatus } from '../live/LiveStream';
import { LiveTailModel } from '../live/LiveTailModel';
import { RateMeter } from '../live/RateMeter';
import { selectorsFromParams, selectorsToParams, type LiveSelectors } from '../live/liveSelectors';
import { LIVE_HREF } from '../router/routes';
import { navigate } from '../router/useHashRoute';

/** Arrivals are drawn at most this often, however fast they come. */
const RENDER_EVERY_MS = 100;

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Stopped',
};

/** The live tail: events as the server sequences them, newest on top. */
export function LiveTail({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const paramKey = params.toString();
  const selectors = useMemo(() => selectorsFromParams(params), [paramKey]);
  const [model] = useState(() => new LiveTailModel());
  const [, setVersion] = useState(0);
  const [status, setStatus] = useState<{ status: StreamStatus; detail: string | null }>({ status: 'connecting', detail: null });
  const [rate, setRate] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const meter = useRef(new RateMeter());
  const renderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const scheduleRender = useCallback(() => {
    if (renderTimer.current !== null) return;
    renderTimer.current = setTimeout(() => {
      renderTimer.current = null;
      setVersion((v) => v + 1);
    }, RENDER_EVERY_MS);
  }, []);

  useEffect(() => {
    model.clear();
    meter.current = new RateMeter();
    setRate(0);
    setVersion((v) => v + 1);
    const stream = new LiveStream({
      api,
      selectors,
      lastSeq: () => model.lastSeq,
      onEvent: (envelope) => {
        if (model.receive(envelope)) meter.current.record();
        scheduleRender();
      },
      onGap: (gap) => {
        model.gap(gap);
        scheduleRender();
      },
      onStatus: (s, detail) => setStatus({ status: s, detail: detail ?? null }),
    });
    stream.start();
    return () => stream.stop();
  }, [api, selectors, model, scheduleRender]);

  useEffect(
    () => () => {
      if (renderTimer.current !== null) clearTimeout(renderTimer.current);
    },
    [],
  );

  useInterval(() => setRate(meter.current.rate()), 1000);

  const onApply = useCallback((next: LiveSelectors) => {
    const qs = selectorsToParams(next).toString();
    navigate(qs ? `${LIVE_HREF}?${qs}` : LIVE_HREF, { replace: true });
  }, []);

  const onToggle = useCallback((key: string) => {
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const togglePause = () => {
    if (model.paused) model.resume();
    else model.pause();
    setVersion((v) => v + 1);
  };

  const rows = model.rows;
  return (
    <section class="live" data-testid="live-page">
      <div class="page-head">
        <h1 class="page-title">Live</h1>
        <span class={`status-pill status-pill--${status.status}`} data-testid="live-status" data-status={status.status} title={status.detail ?? undefined}>
          <span class="status-pill__dot" aria-hidden="true" />
          {STATUS_TEXT[status.status]}
        </span>
        {status.detail && status.status === 'reconnecting' && <span class="muted">{status.detail}</span>}
        <span class="spacer" />
        <span class="metric" data-testid="live-rate" data-rate={rate.toFixed(2)}>
          <span class="metric__value">{formatRate(rate)}</span>
          <span class="metric__label">events per second</span>
        </span>
        <button type="button" class={`button${model.paused ? ' button--primary' : ''}`} onClick={togglePause} data-testid="live-pause" aria-pressed={model.paused}>
          {model.paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <button
          type="button"
          class="button button--ghost"
          onClick={() => {
            model.clear({ keepPosition: true });
            setVersion((v) => v + 1);
          }}
          data-testid="live-clear"
        >
          Clear
        </button>
      </div>
      <LiveSelectorsForm selectors={selectors} onApply={onApply} />
      {model.paused && (
        <div class="paused-bar" role="status" data-testid="live-paused">
          Paused —{' '}
          <strong data-testid="live-paused-count" data-count={model.pendingCount}>
            {formatCount(model.pendingCount)} new event{model.pendingCount === 1 ? '' : 's'}
          </strong>
          {model.pendingGaps > 0 && ` and ${model.pendingGaps} gap${model.pendingGaps === 1 ? '' : 's'}`} since pausing.{' '}
          <button type="button" class="button button--small" onClick={togglePause}>
            Resume
          </button>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyState title={status.status === 'live' ? 'Waiting for events…' : STATUS_TEXT[status.status]}>
          {status.status === 'live' ? 'New events that match the selectors appear here as the server receives them.' : status.detail}
        </EmptyState>
      ) : (
        <div class="live-list" data-testid="live-list" aria-live="off">
          {rows.map((row) => (
            <LiveRowView key={row.key} row={row} expanded={expanded.has(row.key)} onToggle={onToggle} />
          ))}
          {rows.length >= model.bound && <p class="muted live-list__bound">Showing the latest {formatCount(model.bound)} rows.</p>}
        </div>
      )}
    </section>
  );
}
