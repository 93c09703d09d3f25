import type { Clock } from './Clock';

/**
 * The replay's playhead: a position in ms from the session's origin that advances at 1×, 2× or
 * 4× real time while playing.
 *
 * The position is never accumulated frame by frame (frames are dropped in background tabs); it
 * is computed from an anchor — the position and clock time when play, seek or a speed change
 * last happened — so it is exact whatever the frame rate. Frames only tell listeners to redraw.
 * Reaching the end pauses; play at the end starts over.
 */
export type ReplaySpeed = 1 | 2 | 4;
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 2, 4];

export interface ReplayState {
  positionMs: number;
  durationMs: number;
  playing: boolean;
  speed: ReplaySpeed;
}

type Listener = (state: ReplayState) => void;

export class ReplayClock {
  private anchorPosition = 0;
  private anchorTime = 0;
  private playingNow = false;
  private speedNow: ReplaySpeed = 1;
  private frame: number | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private durationMs: number,
    private readonly clock: Clock,
  ) {
    this.durationMs = Math.max(0, durationMs);
  }

  get state(): ReplayState {
    return { positionMs: this.position, durationMs: this.durationMs, playing: this.playingNow, speed: this.speedNow };
  }

  get position(): number {
    if (!this.playingNow) return this.anchorPosition;
    const elapsed = (this.clock.now() - this.anchorTime) * this.speedNow;
    return Math.min(this.durationMs, this.anchorPosition + elapsed);
  }

  get playing(): boolean {
    return this.playingNow;
  }

  get speed(): ReplaySpeed {
    return this.speedNow;
  }

  play(): void {
    if (this.playingNow) return;
    if (this.anchorPosition >= this.durationMs) this.anchorPosition = 0;
    this.anchorTime = this.clock.now();
    this.playingNow = true;
    this.scheduleFrame();
    this.emit();
  }

  pause(): void {
    if (!this.playingNow) return;
    this.anchorPosition = this.position;
    this.playingNow = false;
    this.cancelFrame();
    this.emit();
  }

  toggle(): void {
    if (this.playingNow) this.pause();
    else this.play();
  }

  setSpeed(speed: ReplaySpeed): void {
    if (speed === this.speedNow) return;
    this.reanchor();
    this.speedNow = speed;
    this.emit();
  }

  seek(positionMs: number): void {
    this.anchorPosition = Math.min(this.durationMs, Math.max(0, Number.isFinite(positionMs) ? positionMs : 0));
    this.anchorTime = this.clock.now();
    this.emit();
  }

  /** For a session whose events are still arriving: the span can grow. */
  setDuration(durationMs: number): void {
    this.reanchor();
    this.durationMs = Math.max(0, durationMs);
    this.anchorPosition = Math.min(this.anchorPosition, this.durationMs);
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.cancelFrame();
    this.playingNow = false;
    this.listeners.clear();
  }

  private reanchor(): void {
    this.anchorPosition = this.position;
    this.anchorTime = this.clock.now();
  }

  private readonly onFrame = () => {
    this.frame = null;
    if (!this.playingNow) return;
    if (this.position >= this.durationMs) {
      this.anchorPosition = this.durationMs;
      this.playingNow = false;
    } else {
      this.scheduleFrame();
    }
    this.emit();
  };

  private scheduleFrame(): void {
    if (this.frame === null) this.frame = this.clock.requestFrame(this.onFrame);
  }

  private cancelFrame(): void {
    if (this.frame !== null) this.clock.cancelFrame(this.frame);
    this.frame = null;
  }

  private emit(): void {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  }
}
