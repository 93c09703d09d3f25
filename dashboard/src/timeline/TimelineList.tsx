import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TimelineItem } from './buildTimeline';
import { TimelineRow } from './TimelineRow';
import { ROW_HEIGHT, VIRTUALIZE_ABOVE, scrollTopToShow, visibleWindow } from './virtualWindow';

/** Used before the list has been laid out (and in tests, which have no layout). */
const FALLBACK_VIEWPORT_PX = 800;

/**
 * The scrolling list of rows. A long session has tens of thousands of events; past a few
 * hundred rows only those in and near the viewport are in the DOM (rows have one fixed height,
 * so positions are arithmetic). The replay's current row is kept in view while playing; arrow
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
  const [viewport, setViewport] = useState({ top: 0, height: 0 });

  const measure = useCallback(() => {
    const list = listRef.current;
    if (list) setViewport({ top: list.scrollTop, height: list.clientHeight });
  }, []);

  useLayoutEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);

  /** Scrolls the list (only the list: scrollIntoView would also scroll the page) to show a row. */
  const showRow = useCallback(
    (seq: number) => {
      const list = listRef.current;
      const index = items.findIndex((i) => i.seq === seq);
      if (!list || index < 0) return;
      const height = list.clientHeight || FALLBACK_VIEWPORT_PX;
      const top = scrollTopToShow(index, list.scrollTop, height);
      if (top !== list.scrollTop) list.scrollTop = top;
      // The scroll event comes later (or never, in tests); draw the new window now.
      setViewport({ top, height: list.clientHeight });
    },
    [items],
  );

  useEffect(() => {
    if (followCurrent && currentSeq !== null) showRow(currentSeq);
  }, [currentSeq, followCurrent, showRow]);

  useEffect(() => {
    if (selectedSeq !== null) showRow(selectedSeq);
    // only when the selection changes, not on every filter keystroke
  }, [selectedSeq]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = items.findIndex((i) => i.seq === selectedSeq);
    const next = e.key === 'ArrowDown' ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1);
    if (items[next]) onSelect(items[next]);
  };

  const virtual = items.length > VIRTUALIZE_ABOVE;
  const { start, end } = virtual
    ? visibleWindow(viewport.top, viewport.height || FALLBACK_VIEWPORT_PX, items.length)
    : { start: 0, end: items.length };

  return (
    <div
      class="tl-list"
      role="listbox"
      aria-label="Session timeline"
      tabIndex={0}
      ref={listRef}
      onKeyDown={onKeyDown}
      onScroll={virtual ? measure : undefined}
      data-testid="timeline"
      data-rendered={end - start}
    >
      {start > 0 && <div class="tl-spacer" style={{ height: `${start * ROW_HEIGHT}px` }} aria-hidden="true" />}
      {items.slice(start, end).map((item) => (
        <TimelineRow
          key={item.seq}
          item={item}
          spanMs={spanMs}
          current={item.seq === currentSeq}
          selected={item.seq === selectedSeq}
          onSelect={onSelect}
        />
      ))}
      {end < items.length && <div class="tl-spacer" style={{ height: `${(items.length - end) * ROW_HEIGHT}px` }} aria-hidden="true" />}
    </div>
  );
}
