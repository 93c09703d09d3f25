import { CategoryBadge } from '../components/Chip';
import { CodeBlock } from '../components/CodeBlock';
import { prettyJson } from '../format/prettyBody';
import { formatDateTime, formatOffset } from '../format/time';
import type { TimelineItem } from '../timeline/buildTimeline';
import { ConsoleDetail } from './ConsoleDetail';
import { ErrorDetail } from './ErrorDetail';
import { RequestDetail } from './RequestDetail';
import { Facts, Section } from './Section';

/** The right-hand pane: everything about the selected row, by kind of event. */
export function DetailPane({ item, onClose }: { item: TimelineItem | null; onClose: () => void }) {
  if (!item) {
    return (
      <aside class="detail detail--empty" data-testid="detail-pane">
        <p class="muted">Select a row to see its details. Requests show headers, bodies and timing; errors show their stack.</p>
      </aside>
    );
  }
  const { event, envelope } = item;
  return (
    <aside class="detail" data-testid="detail-pane" data-seq={item.seq} data-type={item.type} aria-label="Event details">
      <header class="detail__head">
        <CategoryBadge category={item.category} />
        <span class="detail__type mono">{item.type}</span>
        <span class="spacer" />
        <button type="button" class="button button--ghost button--small" onClick={onClose} aria-label="Close details" data-testid="detail-close">
          ✕
        </button>
      </header>
      <div class="detail__meta muted">
        <span>+{formatOffset(item.startMs)}</span>
        <span>{formatDateTime(event.ts)}</span>
        <span>seq {envelope.seq}</span>
        {event.truncated && <span class="tag tag--warn">truncated</span>}
      </div>
      <div class="detail__body">
        <DetailBody item={item} />
        <details class="detail-raw">
          <summary>Envelope (JSON)</summary>
          <CodeBlock text={prettyJson(envelope)} testId="detail-raw" />
        </details>
      </div>
    </aside>
  );
}

function DetailBody({ item }: { item: TimelineItem }) {
  const { event } = item;
  if (event.data === null) {
    return <p class="notice notice--warn">This record was over the size limit; the server kept its envelope and dropped its data.</p>;
  }
  if (event.category === 'network') return <RequestDetail event={event} />;
  if (event.category === 'error') return <ErrorDetail event={event} />;
  if (event.category === 'console' || event.category === 'log') return <ConsoleDetail event={event} />;
  return (
    <>
      <Section title="Summary">
        <p class="break" data-testid="detail-summary">
          {item.summary}
        </p>
        <Facts
          rows={[
            ['Page', event.url ? <span class="mono break">{event.url}</span> : undefined],
            ['Source', event.source ? `${event.source.kind}${event.source.name ? ` · ${event.source.name}` : ''}` : undefined],
          ]}
        />
      </Section>
      <Section title="Data">
        <CodeBlock text={prettyJson(event.data)} testId="detail-data" />
      </Section>
    </>
  );
}
