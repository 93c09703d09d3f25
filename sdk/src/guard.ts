/**
 * Runs SDK code that must never throw into the page: every hook body goes through here. A failure
 * of the SDK is swallowed, because the page's behaviour matters more than one lost event.
 */
export function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
