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
/** One serialized event by default (the `maxEventBytes` option; the server's default record limit). */
export const EVENT_BYTES = 1 << 20;

const utf8 = new TextEncoder();

/**
 * UTF-8 length of a string. Encoding allocates a buffer, which is dear in a browser; an ASCII
 * string (most events) is as long in bytes as in characters, and a regular expression tells.
 */
export const byteLen = (s: string): number => (/[^\0-\x7f]/.test(s) ? utf8.encode(s).length : s.length);

/** How many bytes `s` is over `max` in UTF-8 (0 or less: within); counted only when, at 3 bytes a character, it could be over. */
export const over = (s: string, max: number): number => (s.length * 3 > max ? byteLen(s) - max : -1);

export const marker = (removed: number): string => `…[truncated ${removed} bytes]`;

/** `s` itself when it fits `max` bytes, else its longest prefix that fits together with the marker. */
export const cut = (s: string, max: number): string => {
  // Fast path: even at 3 bytes per UTF-16 unit it fits.
  if (s.length * 3 <= max) return s;
  const size = byteLen(s);
  if (size <= max) return s;
  // Only the first `max` characters can be kept (each is at least a byte), so only they are
  // encoded: a 10 MB ASCII string cut to 1 KB is not encoded whole (any other is, once, to count it).
  const b = utf8.encode(s.slice(0, max));
  let keep = max - byteLen(marker(size));
  // Back up to the start of a UTF-8 sequence: never half a character, nor half a surrogate pair.
  while ((b[keep] & 0xc0) == 0x80) keep--;
  return new TextDecoder().decode(b.subarray(0, keep)) + marker(size - keep);
};
