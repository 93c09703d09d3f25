import { useContext, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ClockContext } from './ClockContext';
import { ReplayClock, type ReplayState } from './ReplayClock';

/** A ReplayClock for the component's life, on the context's clock. */
export function useReplayClock(durationMs: number): ReplayClock {
  const clock = useContext(ClockContext);
  const [replay] = useState(() => new ReplayClock(durationMs, clock));
  useEffect(() => replay.setDuration(durationMs), [replay, durationMs]);
  useEffect(() => () => replay.dispose(), [replay]);
  return replay;
}

/** Re-renders on every tick: use only in small components (the controls), not the timeline. */
export function useReplayState(replay: ReplayClock): ReplayState {
  const [state, setState] = useState(replay.state);
  // Subscribed in a layout effect: a plain effect runs after paint, and a click on Play in
  // between would be missed.
  useLayoutEffect(() => {
    setState(replay.state);
    return replay.subscribe(setState);
  }, [replay]);
  return state;
}

/**
 * A value derived from the replay state that re-renders only when it changes (e.g. which row is
 * current), so 60 ticks a second do not redraw a list of thousands of rows.
 */
export function useReplayDerived<T>(replay: ReplayClock, derive: (state: ReplayState) => T): T {
  const [value, setValue] = useState(() => derive(replay.state));
  useLayoutEffect(() => {
    setValue(derive(replay.state));
    return replay.subscribe((state) => setValue(derive(state)));
    // A new `derive` re-subscribes; callers that re-render often should memoize it.
  }, [replay, derive]);
  return value;
}
