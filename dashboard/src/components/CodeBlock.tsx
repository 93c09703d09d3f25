import { useState } from 'preact/hooks';
import { formatBytes } from '../format/numbers';

/**
 * Monospace text (bodies, stacks, JSON). Very long text is cut for display until asked for in
 * full, so a 5 MB response body does not freeze the page when a row is clicked.
 */
const SHOWN_AT_FIRST = 100_000;

export function CodeBlock({ text, testId, label }: { text: string; testId?: string; label?: string }) {
  const [full, setFull] = useState(false);
  const cut = !full && text.length > SHOWN_AT_FIRST;
  return (
    <div class="code-block">
      <pre class="code" data-testid={testId} aria-label={label}>
        {cut ? text.slice(0, SHOWN_AT_FIRST) : text}
      </pre>
      {cut && (
        <button type="button" class="button button--small" onClick={() => setFull(true)}>
          Show all ({formatBytes(text.length)})
        </button>
      )}
    </div>
  );
}
