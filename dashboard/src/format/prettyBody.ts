/**
 * How a captured request or response body is shown: JSON pretty-printed when it parses,
 * otherwise the text as it came (a body cut by the server ends in `…[truncated N bytes]` and
 * no longer parses, which is why it is shown raw rather than half-formatted).
 */
export interface PrettyBody {
  text: string;
  isJson: boolean;
}

export function prettyBody(body: string, contentType?: string | null): PrettyBody {
  const trimmed = body.trim();
  const looksJson = /^[[{"]/.test(trimmed) || /\bjson\b/i.test(contentType ?? '');
  if (looksJson && trimmed) {
    try {
      return { text: JSON.stringify(JSON.parse(trimmed), null, 2), isJson: true };
    } catch {
      // not JSON after all
    }
  }
  return { text: body, isJson: false };
}

/** Any value as indented JSON text (for event data shown as-is). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
