import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { buildTimeline } from './buildTimeline';
import { TimelineList } from './TimelineList';
import { OVERSCAN, ROW_HEIGHT, scrollTopToShow, visibleWindow } from './virtualWindow';
import { envelope } from '../test/fixtures';

describe('visibleWindow', () => {
  it('covers the viewport plus the overscan on both sides', () => {
    expect(visibleWindow(0, 10 * ROW_HEIGHT, 1000)).toEqual({ start: 0, end: 10 + OVERSCAN });
    expect(visibleWindow(100 * ROW_HEIGHT, 10 * ROW_HEIGHT, 1000)).toEqual({ start: 100 - OVERSCAN, end: 110 + OVERSCAN });
    expect(visibleWindow(995 * ROW_HEIGHT, 10 * ROW_HEIGHT, 1000)).toEqual({ start: 995 - OVERSCAN, end: 1000 });
  });

  it('scrolls as little as needed to show a row', () => {
    const h = 10 * ROW_HEIGHT;
    expect(scrollTopToShow(5, 0, h)).toBe(0); // already visible
    expect(scrollTopToShow(50, 0, h)).toBe(41 * ROW_HEIGHT); // brought to the bottom edge
    expect(scrollTopToShow(3, 40 * ROW_HEIGHT, h)).toBe(3 * ROW_HEIGHT); // brought to the top edge
  });
});

describe('TimelineList', () => {
  const long = buildTimeline(Array.from({ length: 5000 }, (_, i) => envelope('console.log', { message: `line ${i}` }, { seq: i + 1, tsMs: i * 10 })));

  it('draws short lists whole', () => {
    const short = buildTimeline(Array.from({ length: 50 }, (_, i) => envelope('console.log', { message: `m${i}` }, { seq: i + 1, tsMs: i })));
    render(<TimelineList items={short.items} spanMs={short.spanMs} currentSeq={null} selectedSeq={null} followCurrent={false} onSelect={() => undefined} />);
    expect(screen.getAllByTestId('timeline-row')).toHaveLength(50);
  });

  it('draws only the rows around the viewport of a long list', () => {
    render(<TimelineList items={long.items} spanMs={long.spanMs} currentSeq={null} selectedSeq={null} followCurrent={false} onSelect={() => undefined} />);
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.length).toBeLessThan(100);
    expect(rows[0].dataset.seq).toBe('1');
  });

  it('brings the current row into the drawn window while following the replay', () => {
    const { rerender } = render(
      <TimelineList items={long.items} spanMs={long.spanMs} currentSeq={1} selectedSeq={null} followCurrent onSelect={() => undefined} />,
    );
    rerender(<TimelineList items={long.items} spanMs={long.spanMs} currentSeq={4000} selectedSeq={null} followCurrent onSelect={() => undefined} />);
    const current = screen.getAllByTestId('timeline-row').find((r) => r.dataset.current === 'true');
    expect(current?.dataset.seq).toBe('4000');
    expect(screen.getByTestId('timeline').scrollTop).toBeGreaterThan(3000 * ROW_HEIGHT);
  });

  it('moves the selection with the arrow keys', () => {
    const onSelect = vi.fn();
    render(<TimelineList items={long.items} spanMs={long.spanMs} currentSeq={null} selectedSeq={10} followCurrent={false} onSelect={onSelect} />);
    fireEvent.keyDown(screen.getByTestId('timeline'), { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenCalledWith(long.items[10]);
  });
});
