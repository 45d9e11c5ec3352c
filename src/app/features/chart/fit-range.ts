/** Fewest slots shown at once: three bars should look like three bars, not three walls. */
const MIN_SLOTS = 30;
const RIGHT_MARGIN = 4;

/**
 * The logical range that shows the newest `bars` of `points` slots with a small right margin;
 * short series keep at least MIN_SLOTS slots wide, so their bars have an ordinary width.
 */
export function fitRange(points: number, bars: number): { from: number; to: number } | null {
  if (points === 0) return null;
  const to = points - 1 + RIGHT_MARGIN;
  const slots = Math.max(MIN_SLOTS, Math.min(bars, points + RIGHT_MARGIN));
  return { from: to - slots, to };
}
