/** A stack frame of docs/events.md `error.frames`. */
export interface Frame {
  function?: string;
  url?: string;
  line?: number;
  column?: number;
}

// Chrome/V8: "    at fn (url:1:2)", "    at url:1:2", "    at async fn (url:1:2)";
// Firefox and Safari: "fn@url:1:2", "@url:1:2".
const FRAME = /^(?:\s*at (?:async )?(?:(.+?) \()?|(.*?)@)(.+?):(\d+):(\d+)\)?$/;

/** Frames (at most 50) of a stack string in Chrome or Firefox/Safari format; lines it does not know are skipped. */
export function parseStack(stack: unknown): Frame[] {
  const frames: Frame[] = [];
  for (const line of String(stack).split('\n')) {
    const m = FRAME.exec(line);
    if (m && frames.push({ function: m[1] || m[2] || undefined, url: m[3], line: +m[4], column: +m[5] }) > 49) break;
  }
  return frames;
}
