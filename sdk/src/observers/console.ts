/**
 * console.log/info/warn/error/debug → `console.<level>`. The original method is always called
 * with the same `this` and arguments and its result returned; capture happens first and cannot
 * throw. A re-entrancy flag keeps the SDK from recording console output it causes itself.
 */
import { admits, emit } from '../emit';
import { safely, wrap } from '../guard';
import { ARG_BYTES, byteLen, cut, ENTRY_BYTES, over, STACK_BYTES } from '../limits';
import { asText, isError, serializeArg } from '../serialize';
import { parseStack } from '../stack';

const FORMAT = /%[sdifoOjc%]/g;

/**
 * Cuts the longest of message and args first until the entry's JSON fits ENTRY_BYTES (as the
 * server would); a structured argument that has to be cut becomes its cut JSON text.
 */
function fitEntry(data: Record<string, unknown>, args: unknown[]): void {
  for (let round = 0, excess; round < 50 && (excess = over(JSON.stringify(data), ENTRY_BYTES)) > 0; round++) {
    const items = [data.message, ...args].map((v) => (typeof v == 'string' ? v : JSON.stringify(v)));
    const sizes = items.map(byteLen);
    const longest = sizes.indexOf(Math.max(...sizes));
    // Some slack for the JSON escaping the byte count does not see.
    const next = cut(items[longest], Math.max(64, sizes[longest] - excess - 64));
    longest ? (args[longest - 1] = next) : (data.message = next);
  }
}

/** The data of one console call: message rendered as DevTools would, args serialized. */
export function consoleData(args: unknown[], callStack?: string): Record<string, unknown> {
  const raw = args.slice(0, 20);
  const ser = raw.map((a) => serializeArg(a, ARG_BYTES));
  const texts = ser.map((s, i) => asText(raw[i], s));
  const head = raw[0];
  // printf-style substitutions in a leading format string, as browsers do; the arguments they
  // consume are not repeated after it.
  if (typeof head == 'string') {
    let i = 1;
    texts[0] = head.replace(FORMAT, (f) =>
      f == '%%' ? '%' : i >= raw.length ? f : f == '%c' ? (i++, '') : f == '%d' || f == '%i' ? '' + parseInt(raw[i++] as string) : f == '%f' ? '' + parseFloat(raw[i++] as string) : texts[i++],
    );
    texts.splice(1, i - 1);
  }
  const data: Record<string, unknown> = { message: texts.join(' '), args: ser };
  const err = raw.find(isError) as Error | undefined;
  if (typeof err?.stack == 'string') data.stack = cut(err.stack, STACK_BYTES);
  // Frames 0-2: the hook that created the Error, safely() and the wrapper; frame 3 is the caller.
  const caller = parseStack(callStack)[3];
  if (caller) delete caller.function, (data.location = caller);
  fitEntry(data, ser);
  return data;
}

export function observeConsole(): void {
  let busy = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'])
    wrap(console, level, (_, args) => {
      if (busy) return;
      busy = 1;
      // A page whose Error.stackTraceLimit throws must not switch capture off for good.
      try {
        // Made here, in the hook wrap() calls through safely(): frame 3 of its stack is the caller.
        // Capturing a stack is most of what a call costs the SDK, so a call the rate limit will drop
        // (a log in a loop) skips it, and a kept one captures just those four frames. The page's
        // limit is put back; where there is none (Firefox) nothing is set, and where Error is frozen
        // Reflect.set leaves it as it is instead of throwing.
        let site: Error | undefined;
        if (admits()) {
          const limit = Error.stackTraceLimit;
          const trimmed = limit > 4 && Reflect.set(Error, 'stackTraceLimit', 4);
          site = new Error();
          if (trimmed) Error.stackTraceLimit = limit;
        }
        safely(() => emit('console.' + level, () => consoleData([...args], site?.stack), 'console.' + level));
      } finally {
        busy = 0;
      }
    });
}
