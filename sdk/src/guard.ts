/**
 * Runs SDK code that must never throw into the page: every hook body goes through here. A failure
 * of the SDK is swallowed, because the page's behaviour matters more than one lost event.
 */
export function safely(fn: (a?: any, b?: any) => any, a?: any, b?: any): any {
  try {
    return fn(a, b);
  } catch {}
}

/** Listens for `type` on `target` (default: window), running `fn` inside safely(). */
export const on = (type: string, fn: (e: any) => unknown, target: EventTarget = window, options?: boolean | AddEventListenerOptions): void =>
  target.addEventListener(type, (e) => safely(fn, e), options);

/**
 * Replaces `o[k]` by a function that calls the original with the same `this` and arguments and
 * returns its result (or throws its exception). `hook` runs first, inside safely(); it may return
 * a function that gets the result and returns what the caller gets (the result itself, or for
 * fetch a promise of the same Response). That function must not throw.
 */
export function wrap(o: any, k: string, hook: (self: any, args: IArguments) => ((result: any) => any) | void): void {
  const original = o[k];
  // A method named by its key: the page still sees fetch.name == 'fetch' (and, as with the
  // originals, `new` on it throws). Its length and toString() are the original's, so that a
  // check for a native function (`fetch.toString()` reading `[native code]`) still holds.
  o[k] = Object.defineProperties(
    {
      [k](this: unknown) {
        const after = safely(hook, this, arguments);
        const result = original.apply(this, arguments);
        return after ? after(result) : result;
      },
    }[k],
    { length: { value: original.length }, toString: { value: () => original.toString() } },
  );
}
