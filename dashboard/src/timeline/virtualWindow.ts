/**
 * Arithmetic of the windowed timeline: every row is ROW_HEIGHT pixels tall (the stylesheet's
 * `.tl-row` height must agree), so which rows a scroll position shows is a division.
 */
export const ROW_HEIGHT = 28;

/** Lists this long or shorter are drawn whole; longer ones only around the viewport. */
export const VIRTUALIZE_ABOVE = 300;

/** Rows drawn beyond each edge of the viewport, so fast scrolling shows no blank. */
export const OVERSCAN = 20;

/** Rows [start, end) to draw for a viewport at `scrollTop` of `viewportHeight` pixels. */
export function visibleWindow(scrollTop: number, viewportHeight: number, count: number, overscan = OVERSCAN): { start: number; end: number } {
  const start = Math.max(0, Math.min(count, Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT) - overscan));
  const end = Math.min(count, Math.ceil((Math.max(0, scrollTop) + viewportHeight) / ROW_HEIGHT) + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings row `index` into view with the least movement. */
export function scrollTopToShow(index: number, scrollTop: number, viewportHeight: number): number {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + viewportHeight) return Math.max(0, top + ROW_HEIGHT - viewportHeight);
  return scrollTop;
}
