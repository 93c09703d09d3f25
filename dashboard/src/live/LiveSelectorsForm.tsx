import { useEffect, useState } from 'preact/hooks';
import { CategoryChip } from '../components/Chip';
import { CATEGORY_ORDER, categoryLabel } from '../timeline/categories';
import { SOURCE_KINDS, parseTypeGlobs, sameSelectors, type LiveSelectors } from './liveSelectors';

/** What to subscribe to. Edits are a draft until applied, which resubscribes the stream. */
export function LiveSelectorsForm({ selectors, onApply }: { selectors: LiveSelectors; onApply: (next: LiveSelectors) => void }) {
  const [categories, setCategories] = useState(selectors.categories);
  const [types, setTypes] = useState(selectors.types.join(', '));
  const [sourceKind, setSourceKind] = useState(selectors.sourceKind);
  const [sessionId, setSessionId] = useState(selectors.sessionId);

  useEffect(() => {
    setCategories(selectors.categories);
    setTypes(selectors.types.join(', '));
    setSourceKind(selectors.sourceKind);
    setSessionId(selectors.sessionId);
  }, [selectors]);

  const draft: LiveSelectors = { categories, types: parseTypeGlobs(types), sourceKind, sessionId: sessionId.trim() };
  const changed = !sameSelectors(draft, selectors);
  const toggle = (c: string) => setCategories((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));

  return (
    <form
      class="live-selectors"
      data-testid="live-selectors"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <div class="chips" role="group" aria-label="Categories (none pressed: all)">
        {CATEGORY_ORDER.map((c) => (
          <CategoryChip key={c} category={c} pressed={categories.includes(c)} onToggle={() => toggle(c)}>
            {categoryLabel(c)}
          </CategoryChip>
        ))}
      </div>
      <div class="live-selectors__fields">
        <label class="field field--inline field--grow">
          <span class="field__label">Type</span>
          <input class="input mono" type="text" placeholder="network.*, console.error" value={types} onInput={(e) => setTypes(e.currentTarget.value)} data-testid="live-type" />
        </label>
        <label class="field field--inline">
          <span class="field__label">Source</span>
          <select class="input" value={sourceKind} onChange={(e) => setSourceKind(e.currentTarget.value)} data-testid="live-source-kind">
            <option value="">any</option>
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label class="field field--inline field--grow">
          <span class="field__label">Session</span>
          <input class="input mono" type="text" placeholder="session id" value={sessionId} onInput={(e) => setSessionId(e.currentTarget.value)} data-testid="live-session-id" />
        </label>
        <button type="submit" class="button button--primary" disabled={!changed} data-testid="live-apply">
          Apply
        </button>
      </div>
    </form>
  );
}
