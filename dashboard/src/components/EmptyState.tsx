import type { ComponentChildren } from 'preact';

/** What a list says when it has nothing, and usually what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state" data-testid="empty-state">
      <div class="empty-state__title">{title}</div>
      {children && <div class="empty-state__hint">{children}</div>}
    </div>
  );
}
