import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useApi } from '../api/ApiContext';
import { isAbort } from '../api/client';
import { getStats } from '../api/endpoints';
import { ErrorBox } from '../components/ErrorBox';
import { Loading } from '../components/Loading';
import { formatCount, formatRate } from '../format/numbers';
import { formatAgo } from '../format/time';
import { useInterval } from '../hooks/useInterval';
import { IngestHistory } from '../stats/IngestHistory';
import { LineChart } from '../stats/LineChart';
import { normalizeStats, type Stats } from '../stats/normalizeStats';
import { BuffersPanel, CountsPanel, DiskPanel, Panel, StorePanel } from '../stats/StatsPanels';

/** Seconds between polls of `/v1/stats`. */
export const STATS_POLL_MS = 5000;
const HISTORY_POINTS = 60; // five minutes at one point per poll

/** Pipeline health: ingest rate over time, buffers (80 % warning), store lag, drops, disk. */
export function StatsPage() {
  const api = useApi();
  const [history] = useState(() => new IngestHistory(HISTORY_POINTS));
  const [stats, setStats] = useState<Stats | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [now, setNow] = useState(Date.now());
  const inFlight = useRef<AbortController | null>(null);

  const poll = useCallback(async () => {
    if (inFlight.current) return; // a slow server gets one request at a time
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const next = normalizeStats(await getStats(api, controller.signal));
      const at = Date.now();
      history.add(next, at);
      setStats(next);
      setUpdatedAt(at);
      setError(null);
    } catch (e) {
      if (!isAbort(e)) setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  }, [api, history]);

  useEffect(() => {
    void poll();
    return () => inFlight.current?.abort();
  }, [poll]);
  useInterval(() => void poll(), STATS_POLL_MS);
  useInterval(() => setNow(Date.now()), 1000);

  if (!stats) {
    return (
      <section class="stats" data-testid="stats-page">
        <h1 class="page-title">Statistics</h1>
        {error ? <ErrorBox title="Could not load statistics" error={error} onRetry={() => void poll()} /> : <Loading label="Loading statistics…" />}
      </section>
    );
  }
  const series = history.series;
  const latest = series.length ? series[series.length - 1].rate : stats.ingestRate;
  return (
    <section class="stats" data-testid="stats-page">
      <div class="page-head">
        <h1 class="page-title">Statistics</h1>
        <span class="page-sub" data-testid="stats-updated">
          updated {updatedAt !== null ? formatAgo(updatedAt, now) : '—'} · every {STATS_POLL_MS / 1000} s
        </span>
      </div>
      {error && (
        <p class="notice notice--warn" role="alert" data-testid="stats-stale">
          The last update failed ({error.message}); showing the previous numbers.
        </p>
      )}
      <div class="stats-grid">
        <Panel
          title="Ingest rate"
          wide
          testId="stats-ingest"
          aside={
            <span class="metric">
              <span class="metric__value" data-testid="stats-ingest-rate">
                {latest !== null ? formatRate(latest) : '—'}
              </span>
              <span class="metric__label">events accepted</span>
            </span>
          }
        >
          {series.length === 0 ? (
            <p class="muted">Collecting… the chart starts after the next update.</p>
          ) : (
            <LineChart series={series} windowMs={HISTORY_POINTS * STATS_POLL_MS} label="Events accepted per second over the last five minutes" />
          )}
          <p class="muted">
            {stats.ingestTotal !== null && <>{formatCount(stats.ingestTotal)} accepted since start</>}
            {stats.rejectedTotal !== null && <> · {formatCount(stats.rejectedTotal)} rejected</>}
          </p>
        </Panel>
        <StorePanel stats={stats} />
        <BuffersPanel stats={stats} />
        <CountsPanel title="Drops by reason" testId="stats-drops" counts={stats.drops} empty="Nothing dropped" rowTestId="drop-row" />
        <DiskPanel stats={stats} />
        <CountsPanel title="Redactions by rule" testId="stats-redactions" counts={stats.redactions} empty="No redactions reported" rowTestId="redaction-row" />
      </div>
    </section>
  );
}
