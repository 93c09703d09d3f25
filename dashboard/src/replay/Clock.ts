/**
 * Time as the replay player sees it: a monotonic `now()` in ms and a way to be called on the
 * next frame. The browser's is performance.now + requestAnimationFrame; tests pass a fake one
 * and advance it by hand, so no test ever sleeps.
 */
export interface Clock {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

export const browserClock: Clock = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(() => callback()),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
};

/** A clock that moves only when told to; `advance` runs the frames requested meanwhile. */
export class FakeClock implements Clock {
  private time = 0;
  private nextHandle = 1;
  private frames = new Map<number, () => void>();

  now(): number {
    return this.time;
  }

  requestFrame(callback: () => void): number {
    const handle = this.nextHandle++;
    this.frames.set(handle, callback);
    return handle;
  }

  cancelFrame(handle: number): void {
    this.frames.delete(handle);
  }

  /** Moves time forward by `ms` and runs one round of pending frames, as one display refresh would. */
  advance(ms: number): void {
    this.time += ms;
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const callback of due) callback();
  }

  get pendingFrames(): number {
    return this.frames.size;
  }
}
