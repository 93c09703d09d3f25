import type { StackFrame } from '../format/stackFrames';

/** Parsed frames, innermost first, each as function + location text. */
export function StackFramesView({ frames }: { frames: StackFrame[] }) {
  if (frames.length === 0) return <p class="muted">No stack was captured.</p>;
  return (
    <ol class="frames" data-testid="stack-frames">
      {frames.map((f, i) => (
        <li key={i} class="frame" data-testid="stack-frame">
          {f.url === null && f.function === null ? (
            <span class="mono">{f.raw}</span>
          ) : (
            <>
              <span class="frame__fn mono">{f.function ?? '(anonymous)'}</span>
              <span class="frame__loc mono">
                {f.url ?? ''}
                {f.line !== null ? `:${f.line}` : ''}
                {f.column !== null ? `:${f.column}` : ''}
              </span>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
