/** A spinner with words: a page that is waiting says what it waits for. */
export function Loading({ label = 'Loading…', inline = false }: { label?: string; inline?: boolean }) {
  return (
    <div class={inline ? 'loading loading--inline' : 'loading'} role="status" aria-live="polite" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Grey placeholder rows in the shape of a table that is loading. */
export function SkeletonRows({ rows = 8, columns }: { rows?: number; columns: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} class="skeleton-row" aria-hidden="true" data-testid="skeleton-row">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <span class="skeleton" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
