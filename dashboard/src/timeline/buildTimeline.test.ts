import { describe, expect, it } from 'vitest';
import { MIN_BAR_WIDTH_PCT, barGeometry, buildTimeline } from './buildTimeline';
import { filterTimeline } from './filterTimeline';
import { T0, envelope, session } from '../test/fixtures';

describe('buildTimeline', () => {
  it('orders rows by when they began, then by seq', () => {
    const items = buildTimeline([
      envelope('console.log', { message: 'late' }, { tsMs: 3000, seq: 1 }),
      envelope('action.click', { selectors: { css: '#b' } }, { tsMs: 1000, seq: 3 }),
      envelope('page.view', { url: 'https://shop.example/' }, { tsMs: 1000, seq: 2 }),
    ]).items;
    expect(items.map((i) => i.seq)).toEqual([2, 3, 1]);
  });

  it('places a request at its started_at, not at ts (which is when it completed)', () => {
    const timeline = buildTimeline(
      [
        envelope('network.request', { method: 'GET', url: '/api', status: 200, started_at: T0 + 2_000_000, duration_ms: 500 }, { tsMs: 2500, seq: 1 }),
        envelope('console.log', { message: 'between' }, { tsMs: 2200, seq: 2 }),
      ],
      session(),
    );
    const [request, log] = timeline.items;
    expect(request.type).toBe('network.request');
    expect(request.startMs).toBe(2000);
    expect(request.durationMs).toBe(500);
    expect(log.startMs).toBe(2200);
  });

  it('places resource timing duration_ms before its ts', () => {
    const [resource] = buildTimeline([envelope('network.resource', { url: '/app.js', duration_ms: 300, initiator_type: 'script' }, { tsMs: 1300 })], session()).items;
    expect(resource.startMs).toBe(1000);
  });

  it('measures from the session start and spans to the end of the last thing', () => {
    const timeline = buildTimeline(
      [envelope('network.request', { started_at: T0 + 9_000_000, duration_ms: 4000, status: 200 }, { tsMs: 13_000 })],
      session({ started_at: T0, last_activity_at: T0 + 10_000_000 }),
    );
    expect(timeline.originUs).toBe(T0);
    expect(timeline.spanMs).toBe(13_000);
  });

  it('moves the origin back when an event precedes the session start', () => {
    const timeline = buildTimeline([envelope('console.log', { message: 'early' }, { tsMs: -500 })], session());
    expect(timeline.originUs).toBe(T0 - 500_000);
    expect(timeline.items[0].startMs).toBe(0);
  });

  it('counts rows per category in the dashboard order', () => {
    const timeline = buildTimeline([
      envelope('network.request', { status: 200 }),
      envelope('console.log', { message: 'x' }),
      envelope('page.view', {}),
      envelope('console.warn', { message: 'y' }),
    ]);
    expect(timeline.categories).toEqual([
      { category: 'page', count: 1 },
      { category: 'console', count: 2 },
      { category: 'network', count: 1 },
    ]);
  });

  it('classifies request outcomes', () => {
    const classes = buildTimeline([
      envelope('network.request', { status: 204 }, { seq: 1, tsMs: 1 }),
      envelope('network.request', { status: 302 }, { seq: 2, tsMs: 2 }),
      envelope('network.request', { status: 404 }, { seq: 3, tsMs: 3 }),
      envelope('network.request', { status: 503 }, { seq: 4, tsMs: 4 }),
      envelope('network.request', { error: 'Failed to fetch' }, { seq: 5, tsMs: 5 }),
      envelope('network.request', { status: 200, aborted: true }, { seq: 6, tsMs: 6 }),
    ]).items.map((i) => i.statusClass);
    expect(classes).toEqual(['ok', 'redirect', 'client-error', 'server-error', 'failed', 'failed']);
  });

  it('marks console and error levels', () => {
    const levels = buildTimeline([
      envelope('console.error', { message: 'e' }, { tsMs: 1 }),
      envelope('console.warn', { message: 'w' }, { tsMs: 2 }),
      envelope('error.uncaught', { message: 'boom' }, { tsMs: 3 }),
      envelope('page.view', {}, { tsMs: 4 }),
    ]).items.map((i) => i.level);
    expect(levels).toEqual(['error', 'warn', 'error', null]);
  });

  it('still shows a record whose data was dropped for size', () => {
    const [item] = buildTimeline([envelope('network.request', null)]).items;
    expect(item.summary).toMatch(/size limit/);
  });
});

describe('barGeometry', () => {
  it('positions a bar by start and duration as percentages of the span', () => {
    expect(barGeometry(2500, 1000, 10_000)).toEqual({ leftPct: 25, widthPct: 10 });
  });

  it('gives instants and tiny requests a visible minimum width', () => {
    expect(barGeometry(5000, null, 10_000)).toEqual({ leftPct: 50, widthPct: MIN_BAR_WIDTH_PCT });
    expect(barGeometry(5000, 1, 10_000).widthPct).toBe(MIN_BAR_WIDTH_PCT);
  });

  it('keeps bars inside the track', () => {
    expect(barGeometry(9_500, 2_000, 10_000)).toEqual({ leftPct: 80, widthPct: 20 });
    expect(barGeometry(10_000, null, 10_000)).toEqual({ leftPct: 100 - MIN_BAR_WIDTH_PCT, widthPct: MIN_BAR_WIDTH_PCT });
    expect(barGeometry(-50, 100, 10_000)).toEqual({ leftPct: 0, widthPct: 1 });
  });

  it('survives a zero span', () => {
    expect(barGeometry(0, 0, 0)).toEqual({ leftPct: 0, widthPct: MIN_BAR_WIDTH_PCT });
  });
});

describe('filterTimeline', () => {
  const items = buildTimeline([
    envelope('console.log', { message: 'Cart updated' }, { tsMs: 1 }),
    envelope('network.request', { method: 'POST', url: 'https://api.example/checkout', status: 500, response_body: '{"error":"Insufficient stock"}' }, { tsMs: 2 }),
    envelope('action.click', { selectors: { css: 'button#buy' }, text: 'Buy' }, { tsMs: 3 }),
  ]).items;

  it('hides categories whose chip is off', () => {
    expect(filterTimeline(items, { hiddenCategories: new Set(['console', 'action']), text: '' }).map((i) => i.category)).toEqual(['network']);
  });

  it('matches text case-insensitively in summaries and data', () => {
    expect(filterTimeline(items, { hiddenCategories: new Set(), text: 'CART' }).map((i) => i.category)).toEqual(['console']);
    expect(filterTimeline(items, { hiddenCategories: new Set(), text: 'insufficient stock' }).map((i) => i.category)).toEqual(['network']);
  });

  it('combines both filters', () => {
    expect(filterTimeline(items, { hiddenCategories: new Set(['network']), text: 'stock' })).toEqual([]);
  });
});
