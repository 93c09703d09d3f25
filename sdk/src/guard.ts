/**
 * Runs SDK code that must never throw into the page: every hook body goes through here. A failure
 * of the SDK is swallowed, because the page's behaviour matters more than one lost event.
 */
export function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {}
}

/**
 * Replaces `o[k]` by a function that calls the original with the same `this` and arguments and
 * returns its result (or throws its exception), running `hook` before it (after it with `after`)
 * inside `safely`.
 */
export function wrap(o: any, k: string, hook: (self: any, args: IArguments) => unknown, after?: boolean): void {
  const original = o[k];
  o[k] = function (this: unknown) {
    if (!after) safely(() => hook(this, arguments));
    const result = original.apply(this, arguments);
    if (after) safely(() => hook(this, arguments));
    return result;
  };
}
