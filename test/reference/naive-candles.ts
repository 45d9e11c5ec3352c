/**
 * An independent candle reference for tests: group trades by bucket with a plain object, sum
 * with bigint fixed-point at 18 decimals, order by (time, id). Deliberately shares no code with
 * src/core so the two can check each other.
 */
export interface RefTrade {
  id?: number;
  timeMs: number;
  price: string;
  size: string;
  side: 'buy' | 'sell' | 'unknown';
}

export interface RefCandle {
  openTimeMs: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  buyVolume: string;
  sellVolume: string;
  trades: number;
}

const SCALE = 18n;
const ONE = 10n ** SCALE;

function toFixed18(text: string): bigint {
  const [whole = '0', frac = ''] = text.split('.');
  return BigInt(whole) * ONE + BigInt((frac + '0'.repeat(18)).slice(0, 18));
}

function fromFixed(value: bigint, scale: bigint): string {
  const unit = 10n ** scale;
  const whole = value / unit;
  const frac = (value % unit).toString().padStart(Number(scale), '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** Canonical decimal text: no trailing zeros, no trailing point. */
export function canonical(text: string): string {
  return fromFixed(toFixed18(text), SCALE);
}

export function naiveCandles(trades: readonly RefTrade[], lengthMs: number): RefCandle[] {
  const groups: Record<string, RefTrade[]> = {};
  for (const t of trades) {
    const key = String(Math.floor(t.timeMs / lengthMs) * lengthMs);
    (groups[key] ??= []).push(t);
  }
  return Object.keys(groups)
    .map(Number)
    .sort((a, b) => a - b)
    .map((openTimeMs) => {
      const group = [...(groups[String(openTimeMs)] ?? [])].sort(
        (a, b) => a.timeMs - b.timeMs || (a.id ?? 0) - (b.id ?? 0),
      );
      const prices = group.map((t) => toFixed18(t.price));
      let volume = 0n;
      let quote = 0n;
      let buy = 0n;
      let sell = 0n;
      for (const t of group) {
        const size = toFixed18(t.size);
        volume += size;
        quote += toFixed18(t.price) * size;
        if (t.side === 'buy') buy += size;
        if (t.side === 'sell') sell += size;
      }
      const max = prices.reduce((a, b) => (b > a ? b : a));
      const min = prices.reduce((a, b) => (b < a ? b : a));
      return {
        openTimeMs,
        open: canonical(group[0]!.price),
        high: fromFixed(max, SCALE),
        low: fromFixed(min, SCALE),
        close: canonical(group[group.length - 1]!.price),
        volume: fromFixed(volume, SCALE),
        quoteVolume: fromFixed(quote, SCALE * 2n),
        buyVolume: fromFixed(buy, SCALE),
        sellVolume: fromFixed(sell, SCALE),
        trades: group.length,
      };
    });
}
