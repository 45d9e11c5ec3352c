/**
 * SVG polyline points for a sparkline of `values` in a width×height box (y grows downwards),
 * with `pad` pixels kept free at top and bottom so the stroke is not clipped. A flat series is
 * drawn as a level line through the middle; fewer than two values give no line.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1): string {
  if (values.length < 2) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const usable = height - 2 * pad;
  const step = width / (values.length - 1);
  const out: string[] = [];
  values.forEach((v, i) => {
    const y = span === 0 ? height / 2 : pad + usable * (1 - (v - min) / span);
    out.push(`${round(i * step)},${round(y)}`);
  });
  return out.join(' ');
}

const round = (x: number): number => Math.round(x * 100) / 100;
