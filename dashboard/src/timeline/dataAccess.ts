/** Typed reads from hostile `data` objects: a field is used only if it has the expected type. */

export type Data = Record<string, unknown>;

export function str(data: Data | null | undefined, key: string): string | undefined {
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(data: Data | null | undefined, key: string): number | undefined {
  const v = data?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(data: Data | null | undefined, key: string): boolean | undefined {
  const v = data?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function obj(data: Data | null | undefined, key: string): Data | undefined {
  const v = data?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Data) : undefined;
}

/** Compact one-line JSON, cut to `max` characters. */
export function compactJson(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
