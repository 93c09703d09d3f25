/**
 * The event categories of docs/events.md in the order the dashboard lists them, with the short
 * labels used on chips and badges. Categories the dashboard does not know still show up (a
 * producer may send new ones); they sort last under their own name.
 */
export const CATEGORY_ORDER = [
  'page',
  'action',
  'console',
  'log',
  'error',
  'network',
  'websocket',
  'performance',
  'screenshot',
  'session',
  'custom',
  'system',
] as const;

const LABELS: Record<string, string> = {
  page: 'Pages',
  action: 'Actions',
  console: 'Console',
  log: 'Logs',
  error: 'Errors',
  network: 'Network',
  websocket: 'WebSocket',
  performance: 'Web vitals',
  screenshot: 'Screenshots',
  session: 'Session',
  custom: 'Custom',
  system: 'System',
};

export function categoryLabel(category: string): string {
  return LABELS[category] ?? category;
}

export function compareCategories(a: string, b: string): number {
  const ia = (CATEGORY_ORDER as readonly string[]).indexOf(a);
  const ib = (CATEGORY_ORDER as readonly string[]).indexOf(b);
  if (ia !== ib) return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
  return a.localeCompare(b);
}

/** A CSS-safe token for class names (`cat-network`); anything odd becomes `other`. */
export function categoryClass(category: string): string {
  return /^[a-z][a-z0-9_]*$/.test(category) ? `cat-${category}` : 'cat-other';
}
