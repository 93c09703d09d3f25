/**
 * console.log/info/warn/error/debug → `console.<level>`. The original method is always called
 * with the same `this` and arguments and its result returned; capture happens first and cannot
 * throw. A re-entrancy flag keeps the SDK from recording console output it causes itself.
 */
import { emit } from '../emit';
import { safely } from '../guard';
import { ARG_BYTES, byteLen, cut, ENTRY_BYTES, STACK_BYTES } from '../limits';
import { asText, isError, serializeArg } from '../serialize';
import { parseStack } from '../stack';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const MAX_ARGS = 20;
const FORMAT = /%[sdifoOjc%]/g;

/** The data of one console call: message rendered as DevTools would, args serialized. */
export function consoleData(args: unknown[], callStack?: string): Record<string, unknown> {
  const raw = args.slice(0, MAX_ARGS);
  const ser = raw.map((a) => serializeArg(a, ARG_BYTES));
  const texts = ser.map((s, i) => asText(raw[i], s));
  let i = 0;
  // printf-style substitutions in a leading format string, as browsers do.
  const head =
    typeof raw[0] == 'string' && raw[0].includes('%')
      ? (i++, raw[0]).replace(FORMAT, (f) => {
          if (f == '%%') return '%';
          if (i >= raw.length) return f;
          const a = raw[i];
          const t = texts[i++];
          return f == '%c' ? '' : f == '%d' || f == '%i' ? String(parseInt(a as string)) : f == '%f' ? String(parseFloat(a as string)) : t;
        })
      : undefined;
  const rest = texts.slice(i);
  const message = (head === undefined ? rest : [head, ...rest]).join(' ');
  const argsBytes = byteLen(JSON.stringify(ser));
  const data: Record<string, unknown> = { message: cut(message, Math.max(256, ENTRY_BYTES - argsBytes - 512)), args: ser };
  const err = raw.find((a) => a && typeof a == 'object' && isError(a)) as Error | undefined;
  if (err && typeof err.stack == 'string') data.stack = cut(err.stack, STACK_BYTES);
  // Frame 0 is the wrapper that created the Error; frame 1 is the caller.
  const caller = parseStack(callStack)[1];
  if (caller) data.location = { url: caller.url, line: caller.line, column: caller.column };
  return data;
}

export function observeConsole(): void {
  let busy = false;
  for (const level of LEVELS) {
    const original = console[level];
    if (typeof original != 'function') continue;
    console[level] = function (this: unknown, ...args: unknown[]) {
      if (!busy) {
        busy = true;
        safely(() => emit('console.' + level, consoleData(args, new Error().stack), 'console.' + level));
        busy = false;
      }
      return original.apply(this, args);
    };
  }
}
