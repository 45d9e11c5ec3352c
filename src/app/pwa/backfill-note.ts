import type { StoredGap } from '../../data/db';

/** "01:20:05–01:21:10 UTC" for a time range; seconds kept, dates only when the days differ. */
export function rangeText(fromMs: number, toMs: number): string {
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  const day = (iso: string) => iso.slice(0, 10);
  const time = (iso: string) => iso.slice(11, 19);
  return day(from) === day(to)
    ? `${time(from)}–${time(to)} UTC`
    : `${day(from)} ${time(from)} – ${day(to)} ${time(to)} UTC`;
}

/**
 * What a reconnect filled, in words: one line per instrument with its backfilled ranges and trade
 * ids, then what could not be filled. Empty when nothing was missing.
 */
export function backfillNote(gaps: readonly StoredGap[]): string[] {
  const lines: string[] = [];
  const by = new Map<string, StoredGap[]>();
  for (const g of gaps) {
    if (g.state === 'pending') continue;
    const key = `${g.venue}:${g.symbol}`;
    by.set(key, [...(by.get(key) ?? []), g]);
  }
  for (const [key, list] of by) {
    const filled = list.filter((g) => g.state === 'backfilled');
    const lost = list.filter((g) => g.state === 'unfillable');
    const ids = filled.reduce(
      (n, g) => n + (g.fromTradeId !== undefined && g.toTradeId !== undefined ? g.toTradeId - g.fromTradeId + 1 : 0),
      0,
    );
    const parts: string[] = [];
    if (filled.length > 0)
      parts.push(
        `filled ${filled.map((g) => rangeText(g.fromTimeMs, g.toTimeMs)).join(', ')}${ids > 0 ? ` (${ids.toLocaleString('en-US')} trades)` : ''}`,
      );
    if (lost.length > 0)
      parts.push(`could not fill ${lost.map((g) => rangeText(g.fromTimeMs, g.toTimeMs)).join(', ')}`);
    lines.push(`${key}: ${parts.join('; ')}`);
  }
  return lines;
}
