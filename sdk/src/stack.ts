import { safely } from './guard';

/** A stack frame of docs/events.md `error.frames`. */
export interface Frame {
  function?: string;
  url?: string;
  line?: number;
  column?: number;
}

// Chrome/V8: "    at fn (url:1:2)", "    at url:1:2", "    at async fn (url:1:2)";
// Firefox and Safari: "fn@url:1:2", "@url:1:2". The name and the URL may both hold '@' (a scoped
// package's path in a bundle's names; a CDN's `/npm/@scope/pkg@1.2.3/`): the separator is the
// first '@' that a URL follows (a scheme, a path or Safari's `[native code]`), else the last
// (Firefox's `debugger eval code`, a `//# sourceURL=` name).
const FRAME = /^(?:\s*at (?:async )?(?:(.+?) \()?|(.*?(?=@(?:[a-z][a-z\d+.-]*:|\/|\[))|.*)@)(.+?):(\d+):(\d+)\)?$/;
// Where code run by eval or new Function is placed by the engine, the frame is given where that
// code was made: V8's "eval at fn (url:1:2), <anonymous>", Firefox's "url line 5 > eval".
const V8_EVAL = /\(([^()]+):(\d+):(\d+)\)/;
const FIREFOX_EVAL = /^(.+?) line (\d+) > /;

/** Frames (at most 50) of a stack string in Chrome or Firefox/Safari format; lines it does not know are skipped. */
export const parseStack = (stack: unknown): Frame[] => {
  const frames: Frame[] = [];
  // In a V8 stack only the `at` lines are frames: the message above them may hold an '@' and a
  // location (`could not reach ws://user@host:8080:1`).
  const text = String(stack);
  const v8 = /^\s+at /m.test(text);
  for (const line of text.split('\n')) {
    const m = (!v8 || /^\s+at /.test(line)) && FRAME.exec(line);
    if (!m) continue;
    // Firefox's async markers: "setTimeout handler*start", "async*run".
    const frame: Frame = { function: (m[1] || m[2] || '').replace(/^.*\*/, '') || undefined, url: m[3], line: +m[4], column: +m[5] };
    const at = m[3].startsWith('eval at ') ? V8_EVAL.exec(m[3]) : m[3].includes(' > ') && FIREFOX_EVAL.exec(m[3]);
    if (at) (frame.url = at[1]), (frame.line = +at[2]), (frame.column = +at[3] || undefined);
    if (frames.push(frame) > 49) break;
  }
  return frames;
};

/** An error's stack where it is a string: a page's Error.prepareStackTrace may make it anything, or throw. */
export const stackOf = (e: any): string | undefined =>
  safely(() => {
    const s = e.stack;
    return typeof s == 'string' ? s : undefined;
  });
