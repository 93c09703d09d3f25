import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/client';

/**
 * Runs an async load when its inputs change, cancelling the previous one, and tells the page
 * which of the three designed states to show: loading, error (with retry) or the data.
 */
export type AsyncState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'error'; data: T | null; error: Error }
  | { status: 'ok'; data: T; error: null };

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    // Keep the previous data on screen while the next page or filter loads (no flash of empty).
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((s) => ({ status: 'error', data: s.data, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
    // `load` is read through a ref: `deps` alone say when to load again.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
