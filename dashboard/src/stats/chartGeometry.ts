import type { RatePoint } from './IngestHistory';

/**
 * The ingest chart's drawing, as numbers: an SVG polyline over a fixed viewBox. The y scale
 * starts at 0 and tops out at a "nice" value (1, 2, 5 × 10ⁿ) at or above the highest point, so
 * the axis label is readable and a flat line does not fill the box.
 */
export interface ChartGeometry {
  /** `x,y x,y …` for <polyline points>. */
  points: string;
  /** The same line closed down to the axis, for a filled area. */
  area: string;
  yMax: number;
  /** The newest point, marked so a single sample is visible. */
  last: { x: number; y: number } | null;
  width: number;
  height: number;
}

export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function chartGeometry(series: readonly RatePoint[], width: number, height: number, spanMs?: number): ChartGeometry {
  const yMax = niceCeiling(Math.max(0, ...series.map((p) => p.rate)));
  if (series.length === 0) return { points: '', area: '', yMax, last: null, width, height };
  const last = series[series.length - 1].atMs;
  const first = spanMs !== undefined ? last - spanMs : series[0].atMs;
  const xSpan = Math.max(1, last - first);
  const coords = series.map((p) => {
    const x = series.length === 1 && spanMs === undefined ? width : ((p.atMs - first) / xSpan) * width;
    const y = height - (p.rate / yMax) * height;
    return `${round(Math.max(0, x))},${round(y)}`;
  });
  const firstX = coords[0].split(',')[0];
  const [lastX, lastY] = coords[coords.length - 1].split(',');
  return {
    points: coords.join(' '),
    last: { x: Number(lastX), y: Number(lastY) },
    area: `${firstX},${height} ${coords.join(' ')} ${lastX},${height}`,
    yMax,
    width,
    height,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
