/**
 * Uncaught errors → `error.uncaught`, failed loads of <script>/<img>/<link>/… → `error.resource`
 * (resource errors do not bubble, so the listener is on window in the capture phase), and
 * unhandled promise rejections → `error.unhandled_rejection`. Listeners only: nothing is wrapped.
 */
import { emit } from '../emit';
import { on } from '../guard';
import { cut, STACK_BYTES } from '../limits';
import { selectors } from '../selectors';
import { isError, serializeArg } from '../serialize';
import { parseStack } from '../stack';

/** name, message, stack and parsed frames of an Error-like value (`message` when it has none); else `message`. */
const errorData = (e: any, message: string): Record<string, unknown> =>
  isError(e)
    ? { message: String(e.message) || message, name: String(e.name), stack: typeof e.stack == 'string' ? cut(e.stack, STACK_BYTES) : undefined, frames: parseStack(e.stack), handled: false }
    : { message, handled: false };

export function observeErrors(): void {
  on(
    'error',
    (e: ErrorEvent) => {
      const t = e.target as any;
      if (t?.nodeType == 1) {
        const url = t.currentSrc || t.src || t.href || '';
        emit('error.resource', { message: `Failed to load <${t.localName}> ${url}`, target: { tag: t.localName, url, selector: selectors(t).css } }, 'error');
      } else emit('error.uncaught', { ...errorData(e.error, String(e.message)), source: e.filename, line: e.lineno, column: e.colno }, 'error');
    },
    window,
    true,
  );
  on('unhandledrejection', (e: PromiseRejectionEvent) => {
    const r = e.reason;
    emit('error.unhandled_rejection', errorData(r, isError(r) ? '' : serializeArg(r, STACK_BYTES)[1]), 'unhandledrejection');
  });
}
