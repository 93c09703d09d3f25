/**
 * Uncaught errors → `error.uncaught`, failed loads of <script>/<img>/<link>/… → `error.resource`
 * (resource errors do not bubble, so the listener is on window in the capture phase), and
 * unhandled promise rejections → `error.unhandled_rejection`. Listeners only, and `attachShadow`
 * wrapped to listen on each shadow root a page attaches (see below).
 */
import { emit } from '../emit';
import { on, safely, wrap } from '../guard';
import { cut, STACK_BYTES } from '../limits';
import { selectors } from '../selectors';
import { isError, own, serializeArg } from '../serialize';
import { parseStack, stackOf } from '../stack';

/**
 * An error as `error.*` data: name, message, stack and parsed frames of an Error-like value, with
 * the errors it links to: its `cause` and an AggregateError's `errors`, each described the same
 * way, ten errors in all at most and none twice (a cause may be its own). Both are read as own
 * data properties: a getter of the page's is not called. Messages are cut as stacks are. An Error
 * without a message is named by `message` or else its name; a value that is no Error is
 * `message`, else its serialization.
 */
export const describeError = (e: any, message?: string, seen: unknown[] = [e]): Record<string, unknown> => {
  if (!isError(e)) return { message: cut(message ?? serializeArg(e, STACK_BYTES)[1], STACK_BYTES) };
  const stack = stackOf(e);
  const cause = own(e, 'cause');
  const errors = own(e, 'errors');
  // A link that cannot be read (a revoked Proxy) is left out, not the event.
  const link = (x: unknown) => (seen.includes(x) || seen.push(x) > 10 ? undefined : safely(() => describeError(x, undefined, seen)));
  return {
    name: String(e.name),
    message: cut(String(e.message) || message || String(e.name), STACK_BYTES),
    stack: stack && cut(stack, STACK_BYTES),
    frames: parseStack(stack),
    cause: cause === undefined ? cause : link(cause),
    errors: Array.isArray(errors) ? errors.slice(0, 9).map(link).filter((x) => x) : undefined,
  };
};

export const observeErrors = (): void => {
  const failed = (e: ErrorEvent) => {
    const t = e.target as any;
    const x = e.error;
    // A failed load is the browser's (trusted: an `error` event that a page dispatches itself is
    // none) and does not bubble; an SVG element's href is an SVGAnimatedString, an <object>'s URL its data.
    if (t?.nodeType == 1 && !e.bubbles && e.isTrusted) {
      const url = t.currentSrc || t.src || (t.href?.baseVal ?? t.href) || t.data || '';
      emit('error.resource', { message: `Failed to load <${t.localName}> ${url}`, target: { tag: t.localName, url, selector: selectors(t).css } }, 'error');
    } else if (e instanceof ErrorEvent)
      emit(
        'error.uncaught',
        // A thrown object that is no Error is serialized, as a rejection's reason is (the browser's message is `Uncaught [object Object]`).
        { ...describeError(x, x && typeof x == 'object' && !isError(x) ? 'Uncaught ' + serializeArg(x, STACK_BYTES)[1] : String(e.message)), source: e.filename, line: e.lineno, column: e.colno, handled: false },
        'error',
      );
  };
  on('error', failed, window, true);
  on('unhandledrejection', (e: PromiseRejectionEvent) => emit('error.unhandled_rejection', { ...describeError(e.reason), handled: false }, 'unhandledrejection'));
  // A failed load inside a shadow root does not leave it (the event is not composed): each root the
  // page attaches is listened to too (not one that the parser makes, declarative shadow DOM), for
  // its own elements only (a slotted one's event goes on to window). Last: where attachShadow is
  // missing this throws.
  wrap(Element.prototype, 'attachShadow', () => (root: ShadowRoot) => (on('error', (e) => e.target.getRootNode() == root && failed(e), root, true), root));
};
