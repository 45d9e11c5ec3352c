import { takerVolumes, type BarInput } from './bar-input';

/**
 * Volume profile of a range of bars (e.g. the visible chart range): volume per price row, the
 * point of control and the value area. Range-based, not streaming: recompute it when the range
 * changes.
 */
export interface VolumeProfileOptions {
  /** Number of equal price rows between the lowest low and highest high. Default 24. */
  readonly rows?: number;
  /** Share of volume the value area must hold. Default 0.7. */
  readonly valueAreaShare?: number;
}

export interface VolumeProfileRow {
  /** Row bounds; rows tile [low, high] of the range without gaps. */
  readonly low: number;
  readonly high: number;
  readonly volume: number;
  /** Taker buy/sell volume; bars without side information add to `volume` only. */
  readonly buyVolume: number;
  readonly sellVolume: number;
}

export interface VolumeProfile {
  /** Rows from the lowest price up. */
  readonly rows: readonly VolumeProfileRow[];
  readonly totalVolume: number;
  /** Index of the row with the most volume (the lowest such row on a tie). */
  readonly pocIndex: number;
  /** Middle of the point-of-control row. */
  readonly pocPrice: number;
  /** Value area: contiguous rows around the POC holding at least `valueAreaShare` of the volume. */
  readonly valueAreaLow: number;
  readonly valueAreaHigh: number;
  readonly valueAreaVolume: number;
}

/**
 * Builds the profile. Each bar's volume is spread uniformly over its [low, high] range (the usual
 * assumption when only OHLCV is known); a bar without range puts it all in the row of its close.
 * The value area grows from the POC one row at a time towards the side with more volume (the
 * upper side on a tie) until it holds `valueAreaShare` of the total.
 * Returns null for no bars.
 */
export function volumeProfile(bars: readonly BarInput[], options: VolumeProfileOptions = {}): VolumeProfile | null {
  const rowCount = options.rows ?? 24;
  const share = options.valueAreaShare ?? 0.7;
  if (!Number.isInteger(rowCount) || rowCount < 1)
    throw new RangeError(`rows must be a positive integer, got ${rowCount}`);
  if (!(share > 0 && share <= 1)) throw new RangeError(`valueAreaShare must be in (0, 1], got ${share}`);
  if (bars.length === 0) return null;

  let low = Infinity;
  let high = -Infinity;
  for (const bar of bars) {
    if (bar.low < low) low = bar.low;
    if (bar.high > high) high = bar.high;
  }
  // A range without height still gets one row of height 0 so the POC is its price.
  const rows = high > low ? rowCount : 1;
  const height = (high - low) / rows;
  const edge = (i: number): number => (i === rows ? high : low + i * height);
  const volume = new Float64Array(rows);
  const buy = new Float64Array(rows);
  const sell = new Float64Array(rows);
  const rowOf = (price: number): number => (height === 0 ? 0 : Math.min(rows - 1, Math.floor((price - low) / height)));

  for (const bar of bars) {
    const sides = takerVolumes(bar);
    const add = (row: number, fraction: number): void => {
      volume[row] = (volume[row] as number) + bar.volume * fraction;
      if (sides !== null) {
        buy[row] = (buy[row] as number) + sides.buy * fraction;
        sell[row] = (sell[row] as number) + sides.sell * fraction;
      }
    };
    const span = bar.high - bar.low;
    if (span <= 0) {
      add(rowOf(bar.close), 1);
      continue;
    }
    const first = rowOf(bar.low);
    const last = rowOf(bar.high);
    for (let row = first; row <= last; row++) {
      const overlap = Math.min(bar.high, edge(row + 1)) - Math.max(bar.low, edge(row));
      if (overlap > 0) add(row, overlap / span);
    }
  }

  let total = 0;
  let poc = 0;
  for (let i = 0; i < rows; i++) {
    total += volume[i] as number;
    if ((volume[i] as number) > (volume[poc] as number)) poc = i;
  }

  let lo = poc;
  let hi = poc;
  let inArea = volume[poc] as number;
  while (inArea < share * total && (lo > 0 || hi < rows - 1)) {
    const below = lo > 0 ? (volume[lo - 1] as number) : -1;
    const above = hi < rows - 1 ? (volume[hi + 1] as number) : -1;
    if (above >= below) inArea += volume[++hi] as number;
    else inArea += volume[--lo] as number;
  }

  return {
    rows: Array.from({ length: rows }, (_, i) => ({
      low: edge(i),
      high: edge(i + 1),
      volume: volume[i] as number,
      buyVolume: buy[i] as number,
      sellVolume: sell[i] as number,
    })),
    totalVolume: total,
    pocIndex: poc,
    pocPrice: (edge(poc) + edge(poc + 1)) / 2,
    valueAreaLow: edge(lo),
    valueAreaHigh: edge(hi + 1),
    valueAreaVolume: inArea,
  };
}
