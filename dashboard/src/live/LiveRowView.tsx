import { memo } from 'preact/compat';
import type { Gap } from '../api/types';
import { CategoryBadge } from '../components/Chip';
import { CodeBlock } from '../components/CodeBlock';
import { formatCount } from '../format/numbers';
import { prettyJson } from '../format/prettyBody';
import { formatClockTime } from '../format/time';
import { sessionHref } from '../router/routes';
import { categoryClass } from '../timeline/categories';
import { splitType, summarizeEvent } from '../timeline/summarizeEvent';
import type { LiveRow } from './LiveTailModel';

/** One live row (an event, or a gap banner). Memoized: a new arrival renders one row, not 1000. */
export const LiveRowView = memo(function LiveRowView({ row, expanded, onToggle }: { row: LiveRow; expanded: boolean; onToggle: (key: string) => void }) {
  if (row.kind === 'gap') return <GapBanner gap={row.gap} />;
  const { envelope } = row;
  const event = envelope.event;
  const category = event.category || splitType(event.type)[0];
  const level = category === 'error' || event.type.endsWith('.error') ? ' level-error' : event.type.endsWith('.warn') ? ' level-warn' : '';
  return (
    <div
      class={`live-row ${categoryClass(category)}${level}${expanded ? ' is-expanded' : ''}`}
      data-testid="live-row"
      data-seq={envelope.seq}
      data-category={category}
      data-type={event.type}
    >
      <button type="button" class="live-row__line" onClick={() => onToggle(row.key)} aria-expanded={expanded}>
        <span class="live-time mono">{formatClockTime(event.ts)}</span>
        <span class="live-seq mono muted">#{envelope.seq}</span>
        <CategoryBadge category={category} />
        <span class="live-type mono">{event.type}</span>
        <span class="live-summary">{summarizeEvent(event)}</span>
        <span class="live-source muted">{event.source?.kind ?? ''}</span>
      </button>
      {expanded && (
        <div class="live-row__detail">
          {event.session_id && (
            <a class="button button--small" href={sessionHref(event.session_id, envelope.seq)} data-testid="live-open-session">
              Open in session {event.session_id}
            </a>
          )}
          <CodeBlock text={prettyJson(envelope)} />
        </div>
      )}
    </div>
  );
});

const GAP_REASONS: Record<string, string> = {
  retention: 'they were removed by retention before they could be sent',
  subscriber_overflow: 'this view fell too far behind the live stream and was moved forward',
};

export function GapBanner({ gap }: { gap: Gap }) {
  return (
    <div class="gap-banner" role="status" data-testid="gap-banner" data-from={gap.from} data-to={gap.to} data-reason={gap.reason}>
      <strong>
        Missed {formatCount(gap.count)} event{gap.count === 1 ? '' : 's'}
      </strong>{' '}
      <span class="mono">
        (seq {gap.from}–{gap.to})
      </span>
      : {GAP_REASONS[gap.reason] ?? gap.reason}
    </div>
  );
}
