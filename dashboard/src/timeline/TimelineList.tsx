import { useEffect, useRef } from 'preact/hooks';
import type { TimelineItem } from './buildTimeline';
import { TimelineRow } from './TimelineRow';

/**
 * The scrolling list of rows. The replay's current row is kept in view while playing; arrow
 * keys move the selection.
 */
export function TimelineList({
  items,
  spanMs,
  currentSeq,
  selectedSeq,
  followCurrent,
  onSelect,
}: {
  items: TimelineItem[];
  spanMs: number;
  currentSeq: number | null;
  selectedSeq: number | null;
  followCurrent: boolean;
  onSelect: (item: TimelineItem) => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!followCurrent || currentSeq === null) return;
    scrollRowIntoView(listRef.current, currentSeq);
  }, [currentSeq, followCurrent]);

  useEffect(() => {
    if (selectedSeq !== null) scrollRowIntoView(listRef.current, selectedSeq);
    // only when the selection changes, not on every filter keystroke
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedSeq]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = items.findIndex((i) => i.seq === selectedSeq);
    const next = e.key === 'ArrowDown' ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1);
    if (items[next]) onSelect(items[next]);
  };

  return (
    <div class="tl-list" role="listbox" aria-label="Session timeline" tabIndex={0} ref={listRef} onKeyDown={onKeyDown} data-testid="timeline">
      {items.map((item) => (
        <TimelineRow
          key={item.seq}
          item={item}
          spanMs={spanMs}
          current={item.seq === currentSeq}
          selected={item.seq === selectedSeq}
          onSelect={onSelect}
        />
      ))}
    </div>
  );
}

/**
 * Scrolls the list (only the list: scrollIntoView would also scroll the page and push the
 * replay player out of sight) just enough to show the row.
 */
function scrollRowIntoView(list: HTMLElement | null, seq: number): void {
  const row = list?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
  if (!list || !row) return;
  const listBox = list.getBoundingClientRect();
  const rowBox = row.getBoundingClientRect();
  if (rowBox.top < listBox.top) list.scrollTop -= listBox.top - rowBox.top;
  else if (rowBox.bottom > listBox.bottom) list.scrollTop += rowBox.bottom - listBox.bottom;
}
