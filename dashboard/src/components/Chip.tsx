import type { ComponentChildren } from 'preact';
import { categoryClass } from '../timeline/categories';

/** A toggle for one category: pressed means shown. */
export function CategoryChip({
  category,
  pressed,
  onToggle,
  children,
}: {
  category: string;
  pressed: boolean;
  onToggle: () => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class={`chip ${categoryClass(category)}${pressed ? ' chip--on' : ''}`}
      aria-pressed={pressed}
      onClick={onToggle}
      data-testid={`chip-${category}`}
      data-category={category}
    >
      <span class="chip__dot" aria-hidden="true" />
      {children}
    </button>
  );
}

export function CategoryBadge({ category }: { category: string }) {
  return <span class={`badge ${categoryClass(category)}`}>{category}</span>;
}
