import { memo } from 'preact/compat';
import { CategoryBadge } from '../components/Chip';
import { formatDuration, formatOffset } from '../format/time';
import { barGeometry, type TimelineItem } from './buildTimeline';
import { categoryClass } from './categories';

/**
 * One row: time, kind, what happened, and its place on the session's waterfall track (a bar
 * for things with a duration, a tick for instants). Memoized: during replay only the rows
 * whose `current` flips re-render.
 */
export const TimelineRow = memo(function TimelineRow({
  item,
  spanMs,
  current,
  selected,
  onSelect,
}: {
  item: TimelineItem;
  spanMs: number;
  current: boolean;
  selected: boolean;
  onSelect: (item: TimelineItem) => void;
}) {
  const bar = barGeometry(item.startMs, item.durationMs, spanMs);
  const classes = ['tl-row', categoryClass(item.category)];
  if (item.level) classes.push(`level-${item.level}`);
  if (current) classes.push('is-current');
  if (selected) classes.push('is-selected');
  return (
    <div
      role="option"
      class={classes.join(' ')}
      aria-selected={selected}
      data-testid="timeline-row"
      data-seq={item.seq}
      data-category={item.category}
      data-type={item.type}
      data-current={current ? 'true' : undefined}
      onClick={() => onSelect(item)}
    >
      <span class="tl-time mono">{formatOffset(item.startMs)}</span>
      <span class="tl-cat">
        <CategoryBadge category={item.category} />
      </span>
      <span class="tl-type mono">{item.type}</span>
      <span class="tl-summary" title={item.summary.length > 80 ? item.summary.slice(0, 2000) : undefined}>
        {item.summary}
      </span>
      <span class="tl-meta mono">
        {item.status !== null && <span class={`status status--${item.statusClass}`}>{item.status}</span>}
        {item.status === null && item.statusClass === 'failed' && <span class="status status--failed">failed</span>}
        {item.durationMs !== null && <span>{formatDuration(item.durationMs)}</span>}
      </span>
      <span class="tl-track" aria-hidden="true">
        <span
          class={`tl-bar${item.durationMs !== null ? ' tl-bar--span' : ' tl-bar--tick'}${item.statusClass ? ` status-bg--${item.statusClass}` : ''}`}
          style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }}
          data-testid={item.durationMs !== null ? 'waterfall-bar' : undefined}
        />
      </span>
    </div>
  );
});
