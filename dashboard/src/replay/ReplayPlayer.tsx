import { useEffect, useState } from 'preact/hooks';
import type { Screenshot } from '../api/types';
import { formatDateTime, formatOffset } from '../format/time';
import { currentScreenshotIndex } from './currentEvent';
import { REPLAY_SPEEDS, type ReplayClock } from './ReplayClock';
import type { ScreenshotCache } from './ScreenshotCache';
import { useReplayDerived, useReplayState } from './useReplayClock';

/** A screenshot placed on the session's time axis. */
export interface PlacedScreenshot {
  screenshot: Screenshot;
  offsetMs: number;
}

/**
 * Seed 002's player: the screenshot at the playhead, play/pause, 1×/2×/4×, and a seek bar over
 * the whole session with a mark where each screenshot was taken. The timeline below follows it.
 */
export function ReplayPlayer({
  replay,
  screenshots,
  cache,
  currentLabel,
}: {
  replay: ReplayClock;
  screenshots: PlacedScreenshot[];
  cache: ScreenshotCache;
  currentLabel: string | null;
}) {
  const offsets = screenshots.map((s) => s.offsetMs);
  const shotIndex = useReplayDerived(replay, (state) => currentScreenshotIndex(offsets, state.positionMs));
  const shot = shotIndex >= 0 ? screenshots[shotIndex] : null;
  return (
    <section class="replay" data-testid="replay">
      <ScreenshotStage shot={shot} cache={cache} count={screenshots.length} next={screenshots[shotIndex + 1] ?? null} />
      <ReplayControls replay={replay} screenshots={screenshots} currentLabel={currentLabel} />
    </section>
  );
}

function ScreenshotStage({ shot, next, cache, count }: { shot: PlacedScreenshot | null; next: PlacedScreenshot | null; cache: ScreenshotCache; count: number }) {
  const [shown, setShown] = useState<{ id: number; url: string } | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  const id = shot?.screenshot.screenshot_id ?? null;

  useEffect(() => {
    if (id === null) return undefined;
    let live = true;
    // The previous image stays up until the next has loaded, so scrubbing does not flicker.
    cache.url(id).then(
      (url) => {
        if (live) {
          setShown({ id, url });
          setFailed(null);
        }
      },
      () => {
        if (live) setFailed(id);
      },
    );
    if (next) cache.url(next.screenshot.screenshot_id).catch(() => undefined); // warm the next one
    return () => {
      live = false;
    };
  }, [id, cache, next]);

  if (count === 0) {
    return (
      <div class="replay__stage replay__stage--empty" data-testid="replay-stage">
        <p class="muted">This session has no screenshots; play still steps through the timeline.</p>
      </div>
    );
  }
  return (
    <div class="replay__stage" data-testid="replay-stage">
      {shown ? (
        <img class="replay__image" src={shown.url} alt="Screenshot of the page at this moment" data-testid="replay-screenshot" data-screenshot-id={shown.id} />
      ) : failed === null ? (
        <div class="replay__placeholder">
          <span class="spinner" aria-hidden="true" /> Loading screenshot…
        </div>
      ) : null}
      {failed !== null && <p class="notice notice--error replay__error">Screenshot {failed} could not be loaded.</p>}
      {shot && (
        <div class="replay__caption">
          <span class="mono truncate">{shot.screenshot.page_url ?? ''}</span>
          <span class="nowrap">
            {shot.screenshot.width}×{shot.screenshot.height} · {formatDateTime(shot.screenshot.ts)}
          </span>
        </div>
      )}
    </div>
  );
}

function ReplayControls({ replay, screenshots, currentLabel }: { replay: ReplayClock; screenshots: PlacedScreenshot[]; currentLabel: string | null }) {
  const state = useReplayState(replay);
  const duration = Math.max(state.durationMs, 1);
  return (
    <div class="replay__controls">
      <div class="replay__buttons">
        <button
          type="button"
          class="button button--primary replay__play"
          onClick={() => replay.toggle()}
          aria-label={state.playing ? 'Pause' : 'Play'}
          data-testid="replay-play"
          data-playing={state.playing ? 'true' : 'false'}
        >
          {state.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <div class="segmented" role="group" aria-label="Speed">
          {REPLAY_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              class={`segmented__item${state.speed === speed ? ' segmented__item--on' : ''}`}
              aria-pressed={state.speed === speed}
              onClick={() => replay.setSpeed(speed)}
              data-testid={`replay-speed-${speed}`}
            >
              {speed}×
            </button>
          ))}
        </div>
        <span class="replay__time mono" data-testid="replay-time">
          {formatOffset(state.positionMs)} / {formatOffset(state.durationMs)}
        </span>
        <span class="replay__now truncate" data-testid="replay-current">
          {currentLabel ?? ''}
        </span>
      </div>
      <div class="replay__track">
        <div class="replay__marks" aria-hidden="true">
          {screenshots.map((s) => (
            <span
              key={s.screenshot.screenshot_id}
              class="replay__mark"
              style={{ left: `${Math.min(100, Math.max(0, (s.offsetMs / duration) * 100))}%` }}
              data-testid="replay-screenshot-marker"
            />
          ))}
        </div>
        <input
          class="replay__seek"
          type="range"
          min={0}
          max={Math.round(state.durationMs)}
          step={1}
          value={Math.round(state.positionMs)}
          onInput={(e) => replay.seek(Number(e.currentTarget.value))}
          aria-label="Seek"
          aria-valuetext={formatOffset(state.positionMs)}
          data-testid="replay-seek"
        />
      </div>
    </div>
  );
}
