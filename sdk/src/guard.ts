/**
 * Runs SDK code that must never throw into the page: every hook body goes through here. A failure
 * of the SDK is swallowed, because the page's behaviour matters more than one lost event.
 */
export const safely = (fn: (a?: any, b?: any) => any, a?: any, b?: any): any => {
  try {
    return fn(a, b);
  } catch {}
};

/** Listens for `type` on `target` (default: window), running `fn` inside safely(). */
export const on = (type: string, fn: (e: any) => unknown, target: EventTarget = window, options?: boolean | AddEventListenerOptions): void =>
  target.addEventListener(type, (e) => safely(fn, e), options);

/** What each wrapper stands for, for Function.prototype.toString (see `native`). */
const originals = new WeakMap<object, Function>();

/**
 * Makes `wrapper` read as `original` where a page checks for native code: its `length` is the
 * original's, and its toString() and Function.prototype.toString.call() give the original's text
 * (anti-bot and polyfill checks call the latter). Function.prototype.toString is replaced once, by
 * a function that answers for every wrapper (itself included) with its original's text and for
 * anything else as before: a non-function still throws the original's TypeError. What it cannot
 * hide: another realm's Function.prototype.toString (an iframe's) shows the SDK's code, and a
 * stack trace through it names loupe.js.
 */
export const native = (wrapper: object, original: Function): void => {
  Object.defineProperty(wrapper, 'length', { value: original.length });
  const proto = Function.prototype;
  const toString = proto.toString;
  if (!originals.has(toString)) {
    // A method, so that it has no prototype and cannot be constructed, as the original.
    const answer = {
      toString(this: unknown) {
        return toString.call(originals.get(this as object) || this);
      },
    }.toString;
    // Where Function.prototype is frozen (SES lockdown) it keeps its own, and wrappers show their code.
    safely(() => (proto.toString = answer));
    originals.set(answer, toString);
  }
  originals.set(wrapper, original);
};

/**
 * Replaces `o[k]` by a function that calls the original with the same `this` and arguments and
 * returns its result (or throws its exception). `hook` runs first, inside safely(); it may return
 * a function that gets the result and returns what the caller gets (the result itself, or for
 * fetch a promise of the same Response). That function must not throw. Where `o[k]` is not a
 * function this throws (into the installer's safely()) before changing anything. Returns the wrapper.
 */
export const wrap = (o: any, k: string, hook: (self: any, args: IArguments) => ((result: any) => any) | void): Function => {
  const original = o[k];
  // A method named by its key: the page still sees fetch.name == 'fetch' (and, as with the
  // originals, `new` on it throws). It reads as the original (see native()).
  const wrapper = {
    [k](this: unknown) {
      const after = safely(hook, this, arguments);
      const result = original.apply(this, arguments);
      return after ? after(result) : result;
    },
  }[k];
  native(wrapper, original);
  return (o[k] = wrapper);
};
