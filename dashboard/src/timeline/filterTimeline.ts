import type { TimelineItem } from './buildTimeline';

/**
 * The timeline's two filters: categories switched off by their chips, and text that must occur
 * (case-insensitively) in the row's type, summary, page URL or data.
 */
export interface TimelineFilter {
  hiddenCategories: ReadonlySet<string>;
  text: string;
}

export function filterTimeline(items: readonly TimelineItem[], filter: TimelineFilter): TimelineItem[] {
  const needle = filter.text.trim().toLowerCase();
  return items.filter(
    (item) => !filter.hiddenCategories.has(item.category) && (needle === '' || item.searchText.includes(needle)),
  );
}
