/**
 * JSON text of a parsed JSON value (an XHR's `response` for responseType 'json'), made as a job of
 * the time-sliced scheduler: one unit per 1,024 entries of its objects and arrays, so that a
 * response of megabytes is never turned back into text in one long task, as `JSON.stringify`
 * would. The value is plain data, but the page may have changed it since: what `JSON.stringify`
 * leaves out or writes as null is left out or written as null here, and a cycle throws (the stack
 * overflows) as it does there.
 */
/** Entries written, in all values: a unit ends after every 1,024th. */
let entries = 0;

export function* toJson(v: any): Generator<void, string | undefined> {
  if (!v || typeof v != 'object' || v.toJSON) return JSON.stringify(v);
  const list = Array.isArray(v);
  const parts: string[] = [];
  for (const k of list ? v.keys() : Object.keys(v)) {
    const s = yield* toJson(v[k]);
    list ? parts.push(s ?? 'null') : s === undefined || parts.push(JSON.stringify(k) + ':' + s);
    ++entries & 1023 || (yield);
  }
  return list ? `[${parts}]` : `{${parts}}`;
}
