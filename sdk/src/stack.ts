/** A stack frame of docs/events.md `error.frames`. */
export interface Frame {
  function?: string;
  url?: string;
  line?: number;
  column?: number;
}

// Chrome/V8: "    at fn (url:1:2)", "    at url:1:2", "    at async fn (url:1:2)".
const V8 = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;
// Firefox and Safari: "fn@url:1:2", "@url:1:2".
const GECKO = /^(.*?)@(.+?):(\d+):(\d+)$/;
const MAX_FRAMES = 50;

/** Frames of a stack string in Chrome or Firefox/Safari format; lines it does not know are skipped. */
export function parseStack(stack: unknown): Frame[] {
  const frames: Frame[] = [];
  if (typeof stack != 'string') return frames;
  for (const line of stack.split('\n')) {
    const m = V8.exec(line) || GECKO.exec(line);
    if (!m) continue;
    const f: Frame = { url: m[2], line: +m[3], column: +m[4] };
    if (m[1]) f.function = m[1];
    if (frames.push(f) >= MAX_FRAMES) break;
  }
  return frames;
}
