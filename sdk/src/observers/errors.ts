/**
 * Uncaught errors → `error.uncaught`, failed loads of <script>/<img>/<link>/… → `error.resource`
 * (resource errors do not bubble, so the listener is on window in the capture phase), and
 * unhandled promise rejections → `error.unhandled_rejection`. Listeners only: nothing is wrapped.
 */
import { emit } from '../emit';
import { safely } from '../guard';
import { cut, STACK_BYTES } from '../limits';
import { selectors } from '../selectors';
import { asText, isError, serializeArg } from '../serialize';
import { parseStack } from '../stack';

/**
 * name, message, stack and parsed frames of an Error-like value; else `message()` as the message
 * (also called with `true` for an Error whose message is empty).
 */
const errorData = (e: any, message: (error?: boolean) => string): Record<string, unknown> => {
  if (!e || typeof e != 'object' || !isError(e)) return { message: message(), handled: false };
  const stack = typeof e.stack == 'string' ? e.stack : undefined;
  return { message: String(e.message) || message(true), name: String(e.name), stack: stack && cut(stack, STACK_BYTES), frames: parseStack(stack), handled: false };
};

export function observeErrors(): void {
  addEventListener(
    'error',
    (e: ErrorEvent) =>
      safely(() => {
        const t = e.target as any;
        if (t && t.nodeType == 1) {
          const url = t.currentSrc || t.src || t.href || '';
          emit('error.resource', { message: `Failed to load <${t.localName}> ${url}`, target: { tag: t.localName, url, selector: selectors(t).css } }, 'error');
        } else {
          emit('error.uncaught', { ...errorData(e.error, () => String(e.message)), source: e.filename, line: e.lineno, column: e.colno, handled: false }, 'error');
        }
      }),
    true,
  );
  addEventListener('unhandledrejection', (e) =>
    safely(() => emit('error.unhandled_rejection', errorData(e.reason, (error) => (error ? '' : asText(e.reason, serializeArg(e.reason, STACK_BYTES)))), 'unhandledrejection')),
  );
}
