/**
 * Field limits from docs/events.md. The server enforces the same; the SDK cuts early so that
 * oversized data never costs the page bandwidth. Cuts end with the server's marker, which counts
 * against the limit.
 */
export const ARG_BYTES = 1024;
export const ENTRY_BYTES = 10240;
export const STACK_BYTES = 5120;
export const CONTEXT_BYTES = 2048;
export const REQUEST_BODY_BYTES = 1 << 20;
export const RESPONSE_BODY_BYTES = 5 << 20;
export const PREVIEW_BYTES = 1024;
/** One serialized event; a bigger one is dropped as `too_large` (the server's record limit). */
export const EVENT_BYTES = 1 << 20;

/** UTF-8 length of a string without encoding it. */
export function byteLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 2-byte chars add 1; 3-byte add 2; each half of a surrogate pair adds 1 (4 bytes per pair).
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

export const marker = (removed: number): string => `…[truncated ${removed} bytes]`;

/** `s` itself when it fits `max` bytes, else its longest prefix that fits together with the marker. */
export function cut(s: string, max: number): string {
  const total = byteLen(s);
  if (total <= max) return s;
  const budget = max - byteLen(marker(total));
  let bytes = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    if (bytes + w > budget) break;
    bytes += w;
    if (w == 4) i++;
  }
  return s.slice(0, i) + marker(total - bytes);
}
