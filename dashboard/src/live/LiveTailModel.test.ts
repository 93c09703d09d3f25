import { describe, expect, it } from 'vitest';
import { LiveTailModel } from './LiveTailModel';
import { RateMeter } from './RateMeter';
import { envelope } from '../test/fixtures';

const ev = (seq: number) => envelope('console.log', { message: `m${seq}` }, { seq });
const keys = (m: LiveTailModel) => m.rows.map((r) => r.key);

describe('LiveTailModel', () => {
  it('lists events newest first', () => {
    const m = new LiveTailModel();
    m.receive(ev(1));
    m.receive(ev(2));
    expect(keys(m)).toEqual(['e2', 'e1']);
    expect(m.lastSeq).toBe(2);
  });

  it('keeps only the newest `bound` rows', () => {
    const m = new LiveTailModel(3);
    for (let s = 1; s <= 5; s++) m.receive(ev(s));
    expect(keys(m)).toEqual(['e5', 'e4', 'e3']);
  });

  it('ignores an event it has already seen (a resumed stream repeating itself)', () => {
    const m = new LiveTailModel();
    m.receive(ev(5));
    expect(m.receive(ev(5))).toBe(false);
    expect(m.receive(ev(4))).toBe(false);
    expect(m.rows).toHaveLength(1);
  });

  it('shows a gap as a row where it happened and resumes after it', () => {
    const m = new LiveTailModel();
    m.receive(ev(899));
    m.gap({ from: 900, to: 949, count: 50, reason: 'retention' });
    m.receive(ev(950));
    expect(m.rows.map((r) => r.kind)).toEqual(['event', 'gap', 'event']);
    const gapRow = m.rows[1];
    expect(gapRow.kind === 'gap' && gapRow.gap).toEqual({ from: 900, to: 949, count: 50, reason: 'retention' });
    expect(m.lastSeq).toBe(950);
  });

  it('a gap moves the resume position past the missing events', () => {
    const m = new LiveTailModel();
    m.gap({ from: 1, to: 40, count: 40, reason: 'subscriber_overflow' });
    expect(m.lastSeq).toBe(40);
  });

  it('holds arrivals while paused, counting all of them, and shows them on resume', () => {
    const m = new LiveTailModel(3);
    m.receive(ev(1));
    m.pause();
    for (let s = 2; s <= 6; s++) m.receive(ev(s));
    m.gap({ from: 7, to: 9, count: 3, reason: 'retention' });
    expect(keys(m)).toEqual(['e1']); // the list does not move under the reader
    expect(m.pendingCount).toBe(5);
    expect(m.pendingGaps).toBe(1);
    m.resume();
    expect(m.paused).toBe(false);
    expect(m.pendingCount).toBe(0);
    expect(m.rows.map((r) => r.key)).toEqual([expect.stringMatching(/^g7-9/), 'e6', 'e5']);
  });

  it('clear empties the list and, unless asked, forgets the position', () => {
    const m = new LiveTailModel();
    m.receive(ev(3));
    m.clear({ keepPosition: true });
    expect(m.rows).toHaveLength(0);
    expect(m.lastSeq).toBe(3);
    m.clear();
    expect(m.lastSeq).toBeNull();
  });
});

describe('RateMeter', () => {
  it('averages over the window', () => {
    let now = 0;
    const meter = new RateMeter(5000, () => now);
    for (let second = 0; second < 10; second++) {
      for (let i = 0; i < 20; i++) meter.record();
      now += 1000;
    }
    expect(meter.rate()).toBeCloseTo(20, 0);
  });

  it('is not diluted in the first seconds', () => {
    let now = 0;
    const meter = new RateMeter(5000, () => now);
    meter.record(10);
    now = 1000;
    expect(meter.rate()).toBe(10);
    now = 2000;
    expect(meter.rate()).toBe(5);
  });

  it('falls to zero when events stop', () => {
    let now = 0;
    const meter = new RateMeter(5000, () => now);
    meter.record(100);
    now = 10_000;
    expect(meter.rate()).toBe(0);
  });
});
