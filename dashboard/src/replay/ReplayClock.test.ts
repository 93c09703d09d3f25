import { describe, expect, it } from 'vitest';
import { FakeClock } from './Clock';
import { currentIndex, currentScreenshotIndex } from './currentEvent';
import { ReplayClock } from './ReplayClock';

function setup(durationMs = 10_000) {
  const clock = new FakeClock();
  const replay = new ReplayClock(durationMs, clock);
  return { clock, replay };
}

describe('ReplayClock', () => {
  it('stands still until played', () => {
    const { clock, replay } = setup();
    clock.advance(1000);
    expect(replay.position).toBe(0);
    expect(replay.playing).toBe(false);
  });

  it('advances in real time at 1×', () => {
    const { clock, replay } = setup();
    replay.play();
    clock.advance(1500);
    expect(replay.position).toBe(1500);
  });

  it('pauses where it is and resumes from there', () => {
    const { clock, replay } = setup();
    replay.play();
    clock.advance(1000);
    replay.pause();
    clock.advance(5000);
    expect(replay.position).toBe(1000);
    replay.play();
    clock.advance(500);
    expect(replay.position).toBe(1500);
  });

  it('runs 2× and 4× faster, from the moment the speed changes', () => {
    const { clock, replay } = setup();
    replay.play();
    clock.advance(1000); // 1000 at 1×
    replay.setSpeed(2);
    clock.advance(1000); // +2000
    replay.setSpeed(4);
    clock.advance(1000); // +4000
    expect(replay.position).toBe(7000);
  });

  it('seeks while paused and while playing', () => {
    const { clock, replay } = setup();
    replay.seek(4000);
    expect(replay.position).toBe(4000);
    replay.play();
    clock.advance(100);
    replay.seek(8000);
    clock.advance(100);
    expect(replay.position).toBe(8100);
  });

  it('clamps seeks to the session', () => {
    const { replay } = setup();
    replay.seek(-5);
    expect(replay.position).toBe(0);
    replay.seek(99_999);
    expect(replay.position).toBe(10_000);
    replay.seek(Number.NaN);
    expect(replay.position).toBe(0);
  });

  it('pauses at the end and starts over when played again', () => {
    const { clock, replay } = setup(1000);
    replay.play();
    clock.advance(600);
    clock.advance(600);
    expect(replay.playing).toBe(false);
    expect(replay.position).toBe(1000);
    replay.play();
    expect(replay.position).toBe(0);
  });

  it('tells listeners on every frame while playing, and stops asking for frames when paused', () => {
    const { clock, replay } = setup();
    const seen: number[] = [];
    replay.subscribe((s) => seen.push(s.positionMs));
    replay.play();
    clock.advance(16);
    clock.advance(16);
    replay.pause();
    expect(seen).toEqual([0, 16, 32, 32]);
    expect(clock.pendingFrames).toBe(0);
  });

  it('position does not depend on how many frames ran', () => {
    const { clock, replay } = setup();
    replay.play();
    for (let i = 0; i < 10; i++) clock.advance(10);
    const manyFrames = replay.position;
    const other = setup();
    other.replay.play();
    other.clock.advance(100);
    expect(manyFrames).toBe(other.replay.position);
  });
});

describe('current event selection', () => {
  const starts = [0, 100, 100, 250, 1000];

  it('is the last row that began at or before the playhead', () => {
    expect(currentIndex(starts, 0)).toBe(0);
    expect(currentIndex(starts, 99)).toBe(0);
    expect(currentIndex(starts, 100)).toBe(2);
    expect(currentIndex(starts, 999)).toBe(3);
    expect(currentIndex(starts, 5000)).toBe(4);
  });

  it('is none before the first row', () => {
    expect(currentIndex([50, 60], 10)).toBe(-1);
    expect(currentIndex([], 10)).toBe(-1);
  });

  it('shows the first screenshot until a later one is due', () => {
    expect(currentScreenshotIndex([500, 2000], 0)).toBe(0);
    expect(currentScreenshotIndex([500, 2000], 2500)).toBe(1);
    expect(currentScreenshotIndex([], 2500)).toBe(-1);
  });
});
