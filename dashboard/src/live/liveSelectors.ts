/**
 * The live tail's selectors (docs/api.md, `GET /v1/stream`): repeated parameters mean OR within
 * one selector, different selectors combine with AND. They are also kept in the hash so a link
 * (e.g. "watch this session live") can open the tail already narrowed.
 */
export const SOURCE_KINDS = ['page', 'extension', 'cdp', 'server', 'otlp', 'process'] as const;

export interface LiveSelectors {
  categories: string[];
  /** Globs such as `network.*`. */
  types: string[];
  sourceKind: string;
  sessionId: string;
}

export const NO_SELECTORS: LiveSelectors = { categories: [], types: [], sourceKind: '', sessionId: '' };

/** Splits what the user typed in the type box: commas or spaces separate globs. */
export function parseTypeGlobs(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function selectorsFromParams(params: URLSearchParams): LiveSelectors {
  return {
    categories: params.getAll('category').filter(Boolean),
    types: params.getAll('type').filter(Boolean),
    sourceKind: params.get('source_kind') ?? '',
    sessionId: params.get('session_id') ?? '',
  };
}

/** The stream's query (also the hash's): only selectors that are set. */
export function selectorsToParams(selectors: LiveSelectors): URLSearchParams {
  const params = new URLSearchParams();
  for (const c of selectors.categories) params.append('category', c);
  for (const t of selectors.types) params.append('type', t);
  if (selectors.sourceKind) params.set('source_kind', selectors.sourceKind);
  if (selectors.sessionId.trim()) params.set('session_id', selectors.sessionId.trim());
  return params;
}

export function streamUrl(token: string, selectors: LiveSelectors, afterSeq: number | null, baseUrl = ''): string {
  const params = selectorsToParams(selectors);
  params.set('token', token);
  if (afterSeq !== null) params.set('after_seq', String(afterSeq));
  return `${baseUrl}/v1/stream?${params.toString()}`;
}

export function sameSelectors(a: LiveSelectors, b: LiveSelectors): boolean {
  return selectorsToParams(a).toString() === selectorsToParams(b).toString();
}
