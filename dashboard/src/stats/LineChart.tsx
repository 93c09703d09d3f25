import { formatRate } from '../format/numbers';
import { chartGeometry } from './chartGeometry';
import type { RatePoint } from './IngestHistory';

const WIDTH = 600;
const HEIGHT = 140;

/** A small SVG line chart of a rate over time; no library, no inline styles. */
export function LineChart({ series, windowMs, label }: { series: readonly RatePoint[]; windowMs: number; label: string }) {
  const g = chartGeometry(series, WIDTH, HEIGHT, windowMs);
  return (
    <figure class="chart" data-testid="stats-ingest-chart" data-points={series.length}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label} class="chart__svg">
        <line class="chart__grid" x1={0} y1={HEIGHT / 2} x2={WIDTH} y2={HEIGHT / 2} />
        <line class="chart__axis" x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} />
        {g.points && <polygon class="chart__area" points={g.area} />}
        {g.points && <polyline class="chart__line" points={g.points} vector-effect="non-scaling-stroke" />}
        {g.last && <circle class="chart__dot" cx={g.last.x} cy={g.last.y} r={3} />}
      </svg>
      <figcaption class="chart__labels">
        <span class="chart__ymax">{formatRate(g.yMax)}</span>
        <span class="chart__ymid">{formatRate(g.yMax / 2)}</span>
        <span class="chart__x muted">last {Math.round(windowMs / 60_000)} min</span>
      </figcaption>
    </figure>
  );
}
