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

  const walk = (v: unknown, depth: number): unknown => {
    if (left <= 0) return '…';
    left -= 8; // punctuation and small scalars
    switch (typeof v) {
      case 'string':
        left -= v.length;
        return cut(v, budget);
      case 'number':
        return isFinite(v) ? v : String(v);
      case 'boolean':
        return v;
      case 'undefined':
        return 'undefined';
      case 'bigint':
        return v + 'n';
      case 'symbol':
        return v.toString();
      case 'function':
        return `[Function: ${v.name || 'anonymous'}]`;
    }
    if (v === null) return null;
    const o = v as any;
    if (path.includes(o)) return '[Circular]';
    if (o.window === o) return '[Window]';
    if (isNode(o)) return describeNode(o);
    if (isError(o)) return { name: String(o.name), message: String(o.message), stack: walk(o.stack, depth) };
    if (o instanceof Date) return isNaN(+o) ? 'Invalid Date' : o.toISOString();
    if (o instanceof RegExp) return String(o);
    if (o instanceof ArrayBuffer) return `ArrayBuffer(${o.byteLength})`;
    if (o instanceof Promise || o instanceof WeakMap || o instanceof WeakSet) return `[${o.constructor.name}]`;
    if (depth >= MAX_DEPTH) return Array.isArray(o) ? `[Array(${o.length})]` : '[Object]';

    path.push(o);
    try {
      const typed = ArrayBuffer.isView(o) && !(o instanceof DataView);
      if (Array.isArray(o) || typed) {
        const arr = o as ArrayLike<unknown>;
        const out: unknown[] = [];
        const n = Math.min(arr.length, MAX_ENTRIES);
        for (let i = 0; i < n && left > 0; i++) out.push(walk(typed ? arr[i] : entry(arr, i), depth + 1));
        if (out.length < arr.length) out.push(`… ${arr.length - out.length} more`);
        return typed ? { [`${o.constructor.name}(${arr.length})`]: out } : out;
      }
      if (o instanceof DataView) return `DataView(${o.byteLength})`;
      if (o instanceof Map || o instanceof Set) {
        const isMap = o instanceof Map;
        const out: any = isMap ? {} : [];
        let i = 0;
        for (const [k, val] of o.entries()) {
          if (i++ >= MAX_ENTRIES || left <= 0) break;
          if (isMap) {
            const key = typeof k == 'string' ? k : JSON.stringify(walk(k, depth + 1));
            left -= key.length;
            out[key] = walk(val, depth + 1);
          } else out.push(walk(val, depth + 1));
        }
        if (i > MAX_ENTRIES || o.size > i) isMap ? (out['…'] = `${o.size - i} more`) : out.push(`… ${o.size - i} more`);
        return { [`${isMap ? 'Map' : 'Set'}(${o.size})`]: out };
      }
      const out: Record<string, unknown> = {};
      const keys = Object.keys(o);
      let i = 0;
      for (; i < keys.length && i < MAX_ENTRIES && left > 0; i++) {
        left -= keys[i].length;
        out[keys[i]] = entry(o, keys[i]);
      }
      if (i < keys.length) out['…'] = `${keys.length - i} more`;
      return out;
    } finally {
      path.pop();
    }

    // A property read through its descriptor, so that getters are never called.
    function entry(obj: any, k: string | number): unknown {
      const d = Object.getOwnPropertyDescriptor(obj, k);
      return !d ? 'undefined' : d.get || d.set ? '[Getter]' : walk(d.value, depth + 1);
    }
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
