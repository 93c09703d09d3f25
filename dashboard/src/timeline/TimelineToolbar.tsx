import { CategoryChip } from '../components/Chip';
import { formatCount } from '../format/numbers';
import type { CategoryCount } from './buildTimeline';
import { categoryLabel } from './categories';

/** Category chips (pressed = shown) and the text filter above the timeline. */
export function TimelineToolbar({
  categories,
  hidden,
  onToggle,
  onShowAll,
  text,
  onText,
  shown,
  total,
}: {
  categories: CategoryCount[];
  hidden: ReadonlySet<string>;
  onToggle: (category: string) => void;
  onShowAll: () => void;
  text: string;
  onText: (text: string) => void;
  shown: number;
  total: number;
}) {
  return (
    <div class="tl-toolbar" data-testid="timeline-toolbar">
      <div class="chips" role="group" aria-label="Categories">
        {categories.map(({ category, count }) => (
          <CategoryChip key={category} category={category} pressed={!hidden.has(category)} onToggle={() => onToggle(category)}>
            {categoryLabel(category)} <span class="chip__count">{formatCount(count)}</span>
          </CategoryChip>
        ))}
        {hidden.size > 0 && (
          <button type="button" class="button button--ghost button--small" onClick={onShowAll} data-testid="chips-all">
            Show all
          </button>
        )}
      </div>
      <input
        class="input tl-filter"
        type="search"
        placeholder="Filter by text…"
        value={text}
        onInput={(e) => onText(e.currentTarget.value)}
        aria-label="Filter the timeline by text"
        data-testid="timeline-filter-text"
      />
      <span class="muted nowrap" data-testid="timeline-count">
        {shown === total ? `${formatCount(total)} events` : `${formatCount(shown)} of ${formatCount(total)}`}
      </span>
    </div>
  );
}
