import type { ScoredFile } from './scorer';

/** Per file at a threshold: each window's first detection (row offset from the window start) and the false positives. */
export function describeDetections(file: ScoredFile, threshold: number): string {
  const ts = file.timestampsMs;
  const hits: number[] = [];
  file.scores.forEach((s, i) => {
    if (s >= threshold && i >= Math.min(Math.floor(0.15 * ts.length), 750)) hits.push(i);
  });
  const windows = file.windows.map((w) => [ts.indexOf(w.startMs), ts.indexOf(w.endMs)] as const);
  const inWindow = (i: number) => windows.findIndex(([a, b]) => i >= a && i <= b);
  const found = windows.map(([a, b], k) => {
    const first = hits.find((i) => inWindow(i) === k);
    return first === undefined ? `miss[${a}-${b}]` : `hit+${first - a}/${b - a + 1}`;
  });
  const fps = hits.filter((i) => inWindow(i) < 0);
  return `${file.name.padEnd(58)} n=${ts.length} ${found.join(' ')}  FP ${fps.length}${fps.length ? ` @${fps.slice(0, 8).join(',')}` : ''}`;
}
