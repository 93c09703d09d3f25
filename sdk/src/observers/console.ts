/**
 * console.log/info/warn/error/debug → `console.<level>`. The original method is always called
 * with the same `this` and arguments and its result returned; capture happens first and cannot
 * throw. A re-entrancy flag keeps the SDK from recording console output it causes itself.
 */
import { admits, emit } from '../emit';
import { safely, wrap } from '../guard';
import { ARG_BYTES, byteLen, cut, ENTRY_BYTES, over, STACK_BYTES } from '../limits';
import { isError, serializeArg } from '../serialize';
import { type Frame, parseStack, stackOf } from '../stack';
import { count } from '../transport';

// Chrome's substitutions (no %j, which it prints as it is).
const FORMAT = /%[sdifoOc%]/g;

/**
 * Cuts the longest of message and args first until the entry's JSON fits ENTRY_BYTES (as the
 * server would); a structured argument that has to be cut becomes its cut JSON text.
 */
const fitEntry = (data: Record<string, unknown>, args: unknown[]): void => {
  for (let round = 0, excess; round < 50 && (excess = over(JSON.stringify(data), ENTRY_BYTES)) > 0; round++) {
    const items = [data.message, ...args].map((v) => (typeof v == 'string' ? v : JSON.stringify(v)));
    const sizes = items.map(byteLen);
    const longest = sizes.indexOf(Math.max(...sizes));
    // Some slack for the JSON escaping the byte count does not see.
    const next = cut(items[longest], Math.max(64, sizes[longest] - excess - 64));
    longest ? (args[longest - 1] = next) : (data.message = next);
  }
};

/** The data of one console call: message rendered as DevTools would, args serialized, and where it came from. */
export const consoleData = (args: unknown[], caller?: Frame): Record<string, unknown> => {
  const raw = args.slice(0, 20);
  const ser = raw.map((a) => serializeArg(a, ARG_BYTES));
  const texts = ser.map((s) => s[1]);
  const out = ser.map((s) => s[0]);
  const head = raw[0];
  // printf-style substitutions in a leading format string, as browsers do; the arguments they
  // consume are not repeated after it.
  if (typeof head == 'string') {
    let i = 1;
    texts[0] = head.replace(FORMAT, (f) =>
      f == '%%' ? '%' : i >= raw.length ? f : f == '%c' ? (i++, '') : f == '%d' || f == '%i' ? '' + parseInt(String(raw[i++])) : f == '%f' ? '' + parseFloat(String(raw[i++])) : texts[i++],
    );
    texts.splice(1, i - 1);
  }
  const data: Record<string, any> = { message: texts.join(' '), args: out };
  const err = raw.find(isError) as Error | undefined;
  const stack = err && stackOf(err);
  if (stack) data.stack = cut(stack, STACK_BYTES);
  if (caller) delete caller.function, (data.location = caller);
  // The entry's JSON is at most 3 bytes a character of the arguments' JSON plus 6 a character of
  // the rest (a control character escapes to 6): within the limit, it need not be made to check.
  const bound = ser.reduce((n, s) => n + 3 * s[2].length, 6 * (data.message.length + (data.stack?.length || 0) + (caller?.url?.length || 0)) + 512);
  if (bound > ENTRY_BYTES) fitEntry(data, out);
  return data;
};

/**
 * The frame of the code that made the console call going on (not another SDK's console wrapper
 * around this one, which `outer` is then). Capturing a stack is most of what a
 * kept call costs the SDK: where the engine can start it below the wrapper (V8's
 * Error.captureStackTrace, also in Safari 17 and Firefox 138) just that frame is captured,
 * elsewhere a new Error's first six, of which the sixth is the caller's (before it: this function,
 * the safely() that calls it, the hook, the safely() that calls the hook, the wrapper). The page's
 * Error.stackTraceLimit is put back, even when a page's own captureStackTrace throws; where there
 * is none (older Firefox) nothing is set, and where Error is frozen Reflect.set leaves it as it is
 * instead of throwing. Not handled: a page's polyfill of captureStackTrace that ignores its
 * second argument gives the polyfill's own frame.
 */
const caller = (wrapper: Function, outer: Function): Frame | undefined => {
  const E: any = Error;
  const limit = E.stackTraceLimit;
  const capture = E.captureStackTrace;
  // Frames to capture; the caller's is the last of them.
  const n = capture ? 1 : 6;
  const trimmed = limit > n && Reflect.set(E, 'stackTraceLimit', n);
  try {
    // Below the console method as the page now has it (another SDK's wrapper around this one),
    // else (the page called this one by a reference of its own) below this wrapper.
    for (const f of [outer, wrapper]) {
      const site: { stack?: string } = capture ? {} : new Error();
      if (capture) E.captureStackTrace(site, f);
      const frame = parseStack(site.stack)[n - 1];
      if (frame || !capture) return frame;
    }
  } finally {
    // Also when a page's own captureStackTrace throws: the page keeps its limit.
    if (trimmed) E.stackTraceLimit = limit;
  }
};

export const observeConsole = (): void => {
  let busy = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const wrapper = wrap(console, level, (_, args) => {
      if (busy) return;
      // A call the rate limit will drop (a log in a loop) is only counted: no stack, no event.
      if (!admits()) return void count('rate_limited');
      busy = 1;
      // Neither can throw (emit never does): a page whose Error.stackTraceLimit or
      // captureStackTrace throws gets its call recorded without a call site, and capture is not
      // left switched off.
      const site = safely(caller, wrapper, (console as any)[level]);
      emit('console.' + level, () => consoleData([...args], site), 'console.' + level);
      busy = 0;
    });
  }
};
