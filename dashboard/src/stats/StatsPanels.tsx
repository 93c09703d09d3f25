import type { ComponentChildren } from 'preact';
import { EmptyState } from '../components/EmptyState';
import { formatBytes, formatCount } from '../format/numbers';
import { formatDuration } from '../format/time';
import { categoryLabel } from '../timeline/categories';
import { BUFFER_WARN_AT, type NamedCount, type Stats } from './normalizeStats';
import { UsageBar } from './UsageBar';

export function Panel({ title, testId, children, aside, wide }: { title: string; testId: string; children: ComponentChildren; aside?: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'panel panel--wide' : 'panel'} data-testid={testId}>
      <h2 class="panel__title">
        {title}
        {aside && <span class="panel__aside">{aside}</span>}
      </h2>
      {children}
    </section>
  );
}

function NotReported({ what }: { what: string }) {
  return <p class="muted">The server does not report {what}.</p>;
}

export function BuffersPanel({ stats }: { stats: Stats }) {
  const warned = stats.buffers.filter((b) => b.usage !== null && b.usage >= BUFFER_WARN_AT);
  return (
    <Panel
      title="Buffers"
      wide
      testId="stats-buffers"
      aside={warned.length > 0 && <span class="pill pill--warn" data-testid="buffers-warning">{warned.length} over {Math.round(BUFFER_WARN_AT * 100)} %</span>}
    >
      {stats.memory && (
        <div class={`memory${stats.memory.usage !== null && stats.memory.usage >= BUFFER_WARN_AT ? ' is-warn' : ''}`} data-testid="stats-memory">
          <span>All buffers</span>
          <span class="num">
            {formatBytes(stats.memory.bytes)} of {formatBytes(stats.memory.maxBytes)}
          </span>
          <UsageBar usage={stats.memory.usage} />
        </div>
      )}
      {stats.buffers.length === 0 ? (
        <NotReported what="per-category buffers" />
      ) : (
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" class="num">Entries</th>
              <th scope="col" class="num">Bytes</th>
              <th scope="col">Use</th>
              <th scope="col" class="num">Evicted</th>
              <th scope="col" class="num">Dropped</th>
            </tr>
          </thead>
          <tbody>
            {stats.buffers.map((b) => {
              const warn = b.usage !== null && b.usage >= BUFFER_WARN_AT;
              return (
                <tr key={b.category} class={warn ? 'is-warn' : undefined} data-testid="buffer-row" data-category={b.category} data-warn={warn ? 'true' : 'false'}>
                  <td>{categoryLabel(b.category)}</td>
                  <td class="num">
                    {formatCount(b.entries)}
                    {b.maxEntries !== null && <span class="muted"> / {formatCount(b.maxEntries)}</span>}
                  </td>
                  <td class="num">
                    {formatBytes(b.bytes)}
                    {b.maxBytes !== null && <span class="muted"> / {formatBytes(b.maxBytes)}</span>}
                  </td>
                  <td>
                    <UsageBar usage={b.usage} />
                  </td>
                  <td class="num">{formatCount(b.evicted)}</td>
                  <td class="num">{formatCount(b.dropped)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function StorePanel({ stats }: { stats: Stats }) {
  const s = stats.store;
  return (
    <Panel title="Store" testId="stats-store">
      {!s ? (
        <NotReported what="the store" />
      ) : (
        <dl class="big-facts">
          <div>
            <dt>Lag</dt>
            <dd data-testid="store-lag">
              {s.lagEvents !== null ? `${formatCount(s.lagEvents)} events` : '—'}
              {s.lagMs !== null && <span class="muted"> · {formatDuration(s.lagMs)}</span>}
            </dd>
          </div>
          <div>
            <dt>Backend</dt>
            <dd>{s.backend ?? '—'}</dd>
          </div>
          <div>
            <dt>Checkpoint</dt>
            <dd class="mono">{s.checkpointSeq !== null ? `seq ${s.checkpointSeq}` : '—'}</dd>
          </div>
          <div>
            <dt>Log head</dt>
            <dd class="mono">{stats.lastSeq !== null ? `seq ${stats.lastSeq}` : '—'}</dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}

export function CountsPanel({ title, testId, counts, empty, rowTestId }: { title: string; testId: string; counts: NamedCount[]; empty: string; rowTestId: string }) {
  const total = counts.reduce((s, c) => s + c.count, 0);
  return (
    <Panel title={title} testId={testId} aside={counts.length > 0 && <span class="muted">{formatCount(total)} in all</span>}>
      {counts.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <table class="table table--compact">
          <tbody>
            {counts.map((c) => (
              <tr key={c.name} data-testid={rowTestId} data-name={c.name}>
                <td class="mono">{c.name}</td>
                <td class="num">{formatCount(c.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function DiskPanel({ stats }: { stats: Stats }) {
  const d = stats.disk;
  const used = d ? d.parts.reduce((s, p) => s + p.count, 0) : 0;
  return (
    <Panel title="Disk" testId="stats-disk">
      {!d ? (
        <NotReported what="disk use" />
      ) : (
        <>
          <table class="table table--compact">
            <tbody>
              {d.parts.map((p) => (
                <tr key={p.name} data-testid="disk-row">
                  <td>{p.name}</td>
                  <td class="num">{formatBytes(p.count)}</td>
                </tr>
              ))}
              <tr class="table__total">
                <td>Loupe in all</td>
                <td class="num">{formatBytes(used)}</td>
              </tr>
            </tbody>
          </table>
          {d.freeBytes !== null && (
            <p class="muted">
              {formatBytes(d.freeBytes)} free{d.totalBytes !== null ? ` of ${formatBytes(d.totalBytes)}` : ''}
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
