import { describe, expect, it } from 'vitest';
import { chartGeometry, niceCeiling } from './chartGeometry';
import { IngestHistory } from './IngestHistory';
import { normalizeStats } from './normalizeStats';

describe('normalizeStats', () => {
  it('reads the shape the dashboard asks for', () => {
    const stats = normalizeStats({
      ingest: { events_total: 1000, events_per_second: 12.5, rejected_total: 3 },
      pipeline: { last_seq: 1042 },
      buffers: {
        console: { entries: 900, max_entries: 1000, bytes: 1_000, max_bytes: 50_000_000 },
        network: { entries: 10, max_entries: 500, bytes: 18_000_000, max_bytes: 20_000_000 },
        action: { entries: 1, max_entries: 5000 },
      },
      memory: { bytes: 100, max_bytes: 500 },
      store: { backend: 'sqlite', lag_events: 17, lag_ms: 40, checkpoint_seq: 1025 },
      drops: { rate_limited: 5, invalid: 9 },
      redactions: { email: 2 },
      disk: { log_bytes: 1000, screenshot_bytes: 500, free_bytes: 10_000 },
    });
    expect(stats.ingestTotal).toBe(1000);
    expect(stats.ingestRate).toBe(12.5);
    expect(stats.lastSeq).toBe(1042);
    expect(stats.buffers.map((b) => [b.category, b.usage])).toEqual([
      ['action', 0.0002],
      ['console', 0.9],
      ['network', 0.9],
    ]);
    expect(stats.memory).toEqual({ bytes: 100, maxBytes: 500, usage: 0.2 });
    expect(stats.store).toEqual({ backend: 'sqlite', lagEvents: 17, lagMs: 40, checkpointSeq: 1025 });
    expect(stats.drops).toEqual([
      { name: 'invalid', count: 9 },
      { name: 'rate_limited', count: 5 },
    ]);
    expect(stats.disk).toEqual({ parts: [{ name: 'log', count: 1000 }, { name: 'screenshot', count: 500 }], freeBytes: 10_000, totalBytes: null });
  });

  it('accepts arrays and percent usage', () => {
    const stats = normalizeStats({
      buffers: [{ category: 'error', usage: 85 }],
      drops: [{ reason: 'evicted', count: 4 }],
    });
    expect(stats.buffers[0]).toMatchObject({ category: 'error', usage: 0.85 });
    expect(stats.drops).toEqual([{ name: 'evicted', count: 4 }]);
  });

  it('tolerates an empty or odd answer', () => {
    for (const raw of [{}, null, { ingest: 'x', buffers: 3, drops: 'none', store: [] }]) {
      const stats = normalizeStats(raw as never);
      expect(stats).toMatchObject({ ingestTotal: null, buffers: [], drops: [], store: null, disk: null, memory: null });
    }
  });
});

describe('IngestHistory', () => {
  it('plots the rate of change of the accepted-events counter', () => {
    const h = new IngestHistory();
    h.add({ ingestTotal: 100, ingestRate: 3 }, 0);
    h.add({ ingestTotal: 600, ingestRate: 999 }, 5000);
    expect(h.series).toEqual([
      { atMs: 0, rate: 3 },
      { atMs: 5000, rate: 100 },
    ]);
  });

  it('uses the reported rate when there is no counter, and skips polls with neither', () => {
    const h = new IngestHistory();
    h.add({ ingestTotal: null, ingestRate: 7 }, 0);
    h.add({ ingestTotal: null, ingestRate: null }, 5000);
    expect(h.series).toEqual([{ atMs: 0, rate: 7 }]);
  });

  it('starts over when the counter goes down (server restart)', () => {
    const h = new IngestHistory();
    h.add({ ingestTotal: 1000, ingestRate: null }, 0);
    h.add({ ingestTotal: 10, ingestRate: null }, 5000);
    h.add({ ingestTotal: 60, ingestRate: null }, 10_000);
    expect(h.series).toEqual([{ atMs: 10_000, rate: 10 }]);
  });

  it('keeps a bounded history', () => {
    const h = new IngestHistory(3);
    for (let i = 0; i < 5; i++) h.add({ ingestTotal: null, ingestRate: i }, i * 1000);
    expect(h.series.map((p) => p.rate)).toEqual([2, 3, 4]);
  });
});

describe('chartGeometry', () => {
  it('rounds the scale up to a readable value', () => {
    expect([0, 0.7, 1, 3, 7, 12, 4500].map(niceCeiling)).toEqual([1, 1, 1, 5, 10, 20, 5000]);
  });

  it('maps points into the box, time across and rate up', () => {
    const g = chartGeometry(
      [
        { atMs: 0, rate: 0 },
        { atMs: 5000, rate: 10 },
      ],
      100,
      50,
    );
    expect(g.yMax).toBe(10);
    expect(g.points).toBe('0,50 100,0');
    expect(g.area).toBe('0,50 0,50 100,0 100,50');
  });

  it('draws a short series at the right of a fixed window', () => {
    const g = chartGeometry([{ atMs: 60_000, rate: 5 }], 100, 50, 60_000);
    expect(g.points).toBe('100,0');
    expect(g.last).toEqual({ x: 100, y: 0 });
  });

  it('draws nothing for no points', () => {
    expect(chartGeometry([], 100, 50).points).toBe('');
  });
});

describe('the server’s own /v1/stats shape', () => {
  it('is read field by field', () => {
    const s = normalizeStats({
      ingest: { events_per_second_1m: 12.5, accepted_since_start: 900, history: [[1, 2]] },
      pipeline: { durable_seq: 901 },
      buffers: {
        console: { entry_count: 800, max_entries: 1000, estimated_bytes: 10, max_bytes: 100, utilization: 0.8,
          warning: true, evicted_count: 3, dropped_count: 1 },
      },
      memory: { estimated_bytes: 400, max_bytes: 500, warning: true },
      store: { backend: 'sqlite', checkpoint: 899, lag: 2 },
      drops: { invalid: 4 },
      disk: { data_dir: '/x', free_bytes: 10, total_bytes: 20, log_bytes: 5 },
    });
    expect(s.ingestTotal).toBe(900);
    expect(s.ingestRate).toBe(12.5);
    expect(s.lastSeq).toBe(901);
    expect(s.buffers[0]).toMatchObject({ category: 'console', entries: 800, bytes: 10, usage: 0.8, evicted: 3, dropped: 1 });
    expect(s.memory).toMatchObject({ bytes: 400, maxBytes: 500, usage: 0.8 });
    expect(s.store).toMatchObject({ backend: 'sqlite', lagEvents: 2, checkpointSeq: 899 });
    expect(s.disk?.parts).toEqual([{ name: 'log', count: 5 }]);
  });
});
