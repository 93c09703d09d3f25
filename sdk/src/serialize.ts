/*
 * Safe serialization of arbitrary page values (console arguments, log context, custom data) into
 * JSON-safe data, the way DevTools would show them.
 *
 * The walk is bounded so that it costs O(budget), not O(size of the value): it carries an
 * estimate of the bytes written so far and stops adding entries once the budget is spent
 * (writing "…" in their place), never goes deeper than MAX_DEPTH and looks at no more than
 * MAX_ENTRIES entries of one object, array, Map or Set. That bound is what lets a console call be
 * serialized synchronously — a snapshot at call time, as DevTools takes it — without ever causing
 * a long task.
 *
 * Getters are never invoked: they have side effects and may throw, so they show as "[Getter]".
 * Cycles are detected against the ancestors of the current path, so an object referenced twice
 * side by side is written twice while a real cycle becomes "[Circular]". Anything that still
 * throws (a revoked Proxy, a hostile toString) becomes "[Unserializable]".
 */
import { cut, byteLen } from './limits';

const MAX_DEPTH = 6;
const MAX_ENTRIES = 100;

/** `<button#buy.primary>` for elements, `#text` and the like for other nodes. */
export function describeNode(n: Node): string {
  if (n.nodeType != 1) return n.nodeName.toLowerCase();
  const e = n as Element;
  const cls = (e.getAttribute('class') || '').trim();
  return cut(`<${e.localName}${e.id ? '#' + e.id : ''}${cls ? '.' + cls.split(/\s+/).join('.') : ''}>`, 128);
}

const isNode = (o: any): o is Node => typeof o.nodeType == 'number' && typeof o.nodeName == 'string';

export const isError = (o: any): o is Error =>
  o instanceof Error || Object.prototype.toString.call(o) == '[object Error]';

/** A JSON-safe copy of `value` whose JSON text is roughly at most `budget` bytes. */
export function serialize(value: unknown, budget: number): unknown {
  const path: object[] = [];
  let left = budget;

  // A property read through its descriptor, so that getters are never called.
  const entry = (o: any, k: string, depth: number): unknown => {
    const d = Object.getOwnPropertyDescriptor(o, k);
    return !d ? 'undefined' : d.get || d.set ? '[Getter]' : walk(d.value, depth);
  };

  const walk = (v: any, depth: number): unknown => {
    if (left <= 0) return '…';
    left -= 8; // punctuation and small scalars
    const t = typeof v;
    if (t == 'string') return (left -= v.length), cut(v, budget);
    if (t == 'number') return isFinite(v) ? v : String(v);
    if (t == 'bigint') return v + 'n';
    if (t == 'function') return `[Function: ${v.name || 'anonymous'}]`;
    if (t != 'object' || v === null) return t == 'boolean' || v === null ? v : String(v);
    if (path.includes(v)) return '[Circular]';
    if (v.window === v) return '[Window]';
    if (isNode(v)) return describeNode(v);
    if (isError(v)) return { name: String(v.name), message: String(v.message), stack: walk(v.stack, depth) };
    if (v instanceof Date) return isNaN(+v) ? 'Invalid Date' : v.toISOString();
    const name = v.constructor?.name;
    if (v instanceof RegExp) return String(v);
    if (v instanceof ArrayBuffer || v instanceof DataView) return `${name}(${v.byteLength})`;
    if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) return `[${name}]`;
    if (depth >= MAX_DEPTH) return Array.isArray(v) ? `[Array(${v.length})]` : '[Object]';

    // Arrays, typed arrays, Sets and Maps are walked as a bounded sequence of entries; a Map's
    // keys become object keys (non-strings as their JSON).
    const isMap = v instanceof Map;
    const isSet = v instanceof Set;
    const seq = Array.isArray(v) || ArrayBuffer.isView(v) || isSet || isMap;
    const size: number = seq ? ((v as any).size ?? (v as any).length) : Object.keys(v).length;
    const out: any = isMap || !seq ? {} : [];
    let n = 0;
    path.push(v);
    try {
      for (const k of seq ? (v as any).keys() : Object.keys(v)) {
        if (n >= MAX_ENTRIES || left <= 0) break;
        n++;
        const val = isMap ? walk(v.get(k), depth + 1) : isSet ? walk(k, depth + 1) : entry(v, k, depth + 1);
        if (Array.isArray(out)) out.push(val);
        else {
          const key = typeof k == 'string' ? k : JSON.stringify(walk(k, depth + 1));
          left -= key.length;
          out[key] = val;
        }
      }
    } finally {
      path.pop();
    }
    if (size > n) Array.isArray(out) ? out.push(`… ${size - n} more`) : (out['…'] = `${size - n} more`);
    return seq && !Array.isArray(v) ? { [`${name}(${size})`]: out } : out;
  };

  try {
    return walk(value, 0);
  } catch {
    return '[Unserializable]';
  }
}

/**
 * One console/log argument limited to `max` bytes: strings are cut; a structured value whose JSON
 * is over the limit becomes its cut JSON text (docs/events.md).
 */
export function serializeArg(value: unknown, max: number): unknown {
  // Leave room for the estimate's slack so most values keep their structure.
  const v = serialize(value, max - 64);
  if (typeof v != 'object' || v === null) return v;
  const json = JSON.stringify(v);
  return byteLen(json) > max ? cut(json, max) : v;
}

/** How an argument reads in a console message: strings as they are, the rest as JSON. */
export function asText(raw: unknown, serialized: unknown): string {
  if (typeof serialized == 'string') return serialized;
  if (raw && isError(raw)) return String(raw.stack || raw.name + ': ' + raw.message);
  return JSON.stringify(serialized);
}
