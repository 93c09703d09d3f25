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
 * A Vue reactive object is read through its raw target (`__v_raw`, which Vue answers without
 * tracking), and MobX observables untracked (see serialize): reading the proxy would make the
 * component or effect that logged it depend on every key it has, and re-run whenever one changes.
 * Cycles are detected against the ancestors of the current path, so an object referenced twice
 * side by side is written twice while a real cycle becomes "[Circular]". Anything that still
 * throws (a revoked Proxy, a hostile toString) becomes "[Unserializable]".
 */
import { cut, over } from './limits';
import { stackOf } from './stack';

const MAX_DEPTH = 6;
const MAX_ENTRIES = 100;

/** The built-in kind of a value: Object, Array, Map, Date, Error, Uint8Array, … */
export const kind = (o: unknown): string => Object.prototype.toString.call(o).slice(8, -1);

export const isError = (o: any): o is Error => o instanceof Error || kind(o) == 'Error';

/** `o[k]` where it is an own data property; a getter is never called. */
export const own = (o: object, k: PropertyKey): any => Object.getOwnPropertyDescriptor(o, k)?.value;

/** A JSON-safe copy of `value` whose JSON text is roughly at most `budget` bytes. */
export const serialize = (value: unknown, budget: number): unknown => {
  const path: object[] = [];
  let left = budget;

  const walk = (v: any, depth: number): unknown => {
    if (left <= 0) return '…';
    left -= 8; // punctuation and small scalars
    const t = typeof v;
    if (t == 'string') return (left -= v.length), cut(v, budget);
    if (t == 'boolean' || v === null || (t == 'number' && isFinite(v))) return v;
    if (t == 'bigint') return v + 'n';
    if (t == 'function') return `[Function: ${v.name || 'anonymous'}]`;
    // Symbols, undefined, NaN and ±Infinity as their text.
    if (t != 'object') return String(v);
    // readonly(reactive(x)): the raw of a readonly proxy is the reactive one. Two steps at most,
    // not a loop as Vue's toRaw: a proxy that answers every key with itself would never end it.
    v = v.__v_raw?.__v_raw || v.__v_raw || v;
    if (path.includes(v)) return '[Circular]';
    if (v.window === v) return '[Window]';
    // DOM nodes: `<button#buy.primary>` for elements, `#text` and the like for other nodes.
    if (typeof v.nodeType == 'number' && typeof v.nodeName == 'string')
      return v.nodeType == 1
        ? cut(`<${v.localName}${v.id ? '#' + v.id : ''}${(v.getAttribute('class') || '').trim().replace(/(^|\s+)(?=.)/g, '.')}>`, 128)
        : v.nodeName.toLowerCase();
    // An error with its cause, read as an own data property (a getter is never called), as deep as the budget goes.
    if (isError(v)) {
      const stack = stackOf(v);
      const cause = own(v, 'cause');
      path.push(v);
      const out = { name: String(v.name), message: String(v.message), stack: stack && walk(stack, depth), cause: cause === undefined ? cause : walk(cause, depth) };
      path.pop();
      return out;
    }
    const k = kind(v);
    const name = v.constructor?.name;
    if (k == 'Date') return v.toJSON() || 'Invalid Date';
    if (k == 'RegExp') return String(v);
    if (/^(ArrayBuffer|DataView)$/.test(k)) return `${name}(${v.byteLength})`;
    if (/^(Promise|WeakMap|WeakSet)$/.test(k)) return `[${name}]`;
    const isArray = Array.isArray(v);
    if (depth >= MAX_DEPTH) return isArray ? `[Array(${v.length})]` : '[Object]';

    // Arrays, typed arrays, Sets and Maps are walked as a bounded sequence of entries; a Map's
    // keys become object keys (non-strings as their JSON). Properties are read through their
    // descriptors, so that getters are never called. A value that throws ends the whole walk.
    const isMap = k == 'Map';
    const seq = isArray || isMap || k == 'Set' || ArrayBuffer.isView(v);
    const list = seq && !isMap;
    const keys = seq ? v.entries() : Object.keys(v);
    const size: number = seq ? v.size ?? v.length : keys.length;
    const out: any = list ? [] : {};
    let n = 0;
    path.push(v);
    for (const e of keys) {
      if (n >= MAX_ENTRIES || left <= 0) break;
      n++;
      const d = !seq && Object.getOwnPropertyDescriptor(v, e);
      const [key, val] = seq ? e : [e, d && (d.get || d.set ? '[Getter]' : d.value)];
      const w = walk(val, depth + 1);
      if (list) out.push(w);
      else {
        const name = typeof key == 'string' ? key : JSON.stringify(walk(key, depth + 1));
        left -= name.length;
        // A key named `__proto__` or like a member of Object.prototype (`toString`) is defined, not
        // assigned: assigning sets the prototype, or throws where a page froze Object.prototype.
        // (An object without a prototype would need neither, but V8 keeps it in its slow mode.)
        if (name in out) Object.defineProperty(out, name, { value: w, enumerable: true, writable: true, configurable: true });
        else out[name] = w;
      }
    }
    path.pop();
    if (size > n) list ? out.push(`… ${size - n} more`) : (out['…'] = `${size - n} more`);
    return seq && !isArray ? { [`${name}(${size})`]: out } : out;
  };

  // MobX: read untracked, as its own untracked() does, on the global state every copy of MobX in
  // the page shares: logging an observable in a reaction (an observer component's render) would
  // make it depend on every key read here, and re-run whenever one changes.
  const mobx = (globalThis as any).__mobxGlobals || {};
  const tracking = mobx.trackingDerivation;
  mobx.trackingDerivation = null;
  try {
    return walk(value, 0);
  } catch {
    return '[Unserializable]';
  } finally {
    mobx.trackingDerivation = tracking;
  }
};

/**
 * One console/log argument limited to `max` bytes: strings are cut; a structured value whose JSON
 * is over the limit becomes its cut JSON text (docs/events.md). With it, how it reads in a console
 * message (strings as they are, errors as their stack, the rest as JSON) and its JSON, made once
 * for both.
 */
export const serializeArg = (value: unknown, max: number): [arg: unknown, text: string, json: string] => {
  // Leave room for the estimate's slack so most values keep their structure.
  let v = serialize(value, max - 64);
  let json = JSON.stringify(v);
  if (v && typeof v == 'object' && over(json, max) > 0) json = JSON.stringify((v = cut(json, max)));
  return [v, typeof v == 'string' ? v : isError(value) ? stackOf(value) || value.name + ': ' + value.message : json, json];
};
