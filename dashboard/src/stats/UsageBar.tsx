import { formatPercent } from '../format/numbers';
import { BUFFER_WARN_AT } from './normalizeStats';

/** How full something is, turning amber at the 80 % warning line and red when full. */
export function UsageBar({ usage }: { usage: number | null }) {
  if (usage === null) return <span class="muted">—</span>;
  const level = usage >= 1 ? 'full' : usage >= BUFFER_WARN_AT ? 'warn' : 'ok';
  return (
    <span class={`usage usage--${level}`}>
      <span class="usage__track" aria-hidden="true">
        <span class="usage__fill" style={{ width: `${Math.min(100, Math.max(0, usage * 100))}%` }} />
      </span>
      <span class="usage__text">
        {formatPercent(usage)}
        {level !== 'ok' && ' ⚠'}
      </span>
    </span>
  );
}
