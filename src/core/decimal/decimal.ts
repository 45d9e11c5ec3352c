/**
 * Exact decimal values for prices and sizes.
 *
 * Venues send prices as decimal strings ("61837.63000000"). Storing them as floats and summing
 * volumes as floats drifts (0.1 + 0.2). A `Decimal` is an integer mantissa and a base-10 scale:
 * value = units / 10^scale. Mantissas stay JS numbers while they are exact (below 2^53) and
 * move to bigint only when a sum outgrows that, so the common path allocates no bigint.
 */
export interface Decimal {
  /** Integer mantissa (exact); a bigint once it no longer fits in 2^53. */
  readonly units: number | bigint;
  /** Digits after the decimal point. */
  readonly scale: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const POW10: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
const POW10_BIG: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

export const ZERO: Decimal = { units: 0, scale: 0 };

function pow10Big(n: number): bigint {
  return POW10_BIG[n] ?? 10n ** BigInt(n);
}

/**
 * Parses a plain decimal string ("123", "-0.0012", "61837.63000000", "1e-7" is rejected).
 * Trailing fractional zeros are dropped so products keep small scales.
 * Returns null for anything that is not a finite plain decimal.
 */
export function parseDecimal(text: string): Decimal | null {
  const n = text.length;
  if (n === 0 || n > 64) return null;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = true;
    i = 1;
  } else if (first === 43 /* + */) {
    i = 1;
  }
  let units = 0;
  let big: bigint | null = null;
  let scale = 0;
  let digits = 0;
  let seenPoint = false;
  let pendingZeros = 0; // fractional zeros not yet applied (dropped if trailing)
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (seenPoint) return null;
      seenPoint = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    digits++;
    if (seenPoint && d === 0) {
      pendingZeros++;
      continue;
    }
    // Apply zeros that turned out not to be trailing, then the digit.
    const shift = seenPoint ? pendingZeros + 1 : 1;
    if (seenPoint) scale += shift;
    pendingZeros = 0;
    if (big === null) {
      const next = units * (POW10[shift] ?? 10 ** shift) + d;
      if (next <= MAX_SAFE) {
        units = next;
        continue;
      }
      big = BigInt(units);
    }
    big = big * pow10Big(shift) + BigInt(d);
  }
  if (digits === 0) return null;
  const value: number | bigint = big ?? units;
  if (negative && value !== 0 && value !== 0n) {
    return { units: typeof value === 'bigint' ? -value : -value, scale };
  }
  return { units: value, scale };
}

/** Decimal from a JS number that came from JSON (Kraken, Finnhub send numbers). */
export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  // Shortest round-trip text is the literal the venue most likely sent.
  const text = String(value);
  if (text.includes('e') || text.includes('E')) return parseDecimal(value.toFixed(20).replace(/0+$/, ''));
  return parseDecimal(text);
}

function toBig(d: Decimal): bigint {
  return typeof d.units === 'bigint' ? d.units : BigInt(d.units);
}

function normalise(units: bigint, scale: number): Decimal {
  if (units >= -BigInt(MAX_SAFE) && units <= BigInt(MAX_SAFE)) return { units: Number(units), scale };
  return { units, scale };
}

/** Rescales `d` to a larger scale. */
function rescale(d: Decimal, scale: number): Decimal {
  if (scale === d.scale) return d;
  const shift = scale - d.scale;
  if (typeof d.units === 'number' && shift < 16) {
    const next = d.units * (POW10[shift] as number);
    if (Math.abs(next) <= MAX_SAFE) return { units: next, scale };
  }
  return { units: toBig(d) * pow10Big(shift), scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  if (typeof x.units === 'number' && typeof y.units === 'number') {
    const sum = x.units + y.units;
    if (Math.abs(sum) <= MAX_SAFE) return { units: sum, scale };
  }
  return normalise(toBig(x) + toBig(y), scale);
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, { units: typeof b.units === 'bigint' ? -b.units : -b.units, scale: b.scale });
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  const scale = a.scale + b.scale;
  if (typeof a.units === 'number' && typeof b.units === 'number') {
    const product = a.units * b.units;
    if (Math.abs(product) <= MAX_SAFE) return { units: product, scale };
  }
  return normalise(toBig(a) * toBig(b), scale);
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = rescale(a, scale).units;
  const y = rescale(b, scale).units;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(d: Decimal): boolean {
  return d.units === 0 || d.units === 0n;
}

export function isPositive(d: Decimal): boolean {
  return d.units > 0;
}

/** Exact text, with trailing zeros removed ("1236.7526", "0", "-0.5"). */
export function formatDecimal(d: Decimal): string {
  if (typeof d.units === 'number') return formatUnits(d.units, d.scale);
  const negative = d.units < 0;
  let digits = (negative ? -d.units : d.units).toString();
  if (d.scale === 0) return (negative ? '-' : '') + digits;
  if (digits.length <= d.scale) digits = '0'.repeat(d.scale - digits.length + 1) + digits;
  const cut = digits.length - d.scale;
  const whole = digits.slice(0, cut);
  const fraction = digits.slice(cut).replace(/0+$/, '');
  const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * `formatDecimal` of `units / 10^scale` for an integer `units` within ±2^53, without building a
 * Decimal: bars format four sums each time they are emitted. Below 10^15 units it splits the
 * whole and fractional parts by arithmetic, so both usually print as small integers (the fast
 * kind of number-to-text); trailing zeros go by integer division, not by a regex.
 */
export function formatUnits(units: number, scale: number): string {
  if (units === 0) return '0';
  if (units < 0) return `-${formatUnits(-units, scale)}`;
  if (scale === 0) return String(units);
  if (units >= 1e15 || scale > 15) return formatDigits(String(units), scale);
  const p = POW10[scale] as number;
  // Exact: below 10^15 units the quotient's rounding error (< 0.11 / p) is less than its
  // distance to the next integer (at least 1 / p), so the floor is the true whole part.
  const whole = Math.floor(units / p);
  let fraction = units - whole * p;
  if (fraction === 0) return String(whole);
  let digits = scale;
  let tenth = Math.floor(fraction / 10);
  while (fraction === tenth * 10) {
    fraction = tenth;
    digits--;
    tenth = Math.floor(fraction / 10);
  }
  const text = String(fraction);
  return `${String(whole)}.${text.length < digits ? '0'.repeat(digits - text.length) + text : text}`;
}

/** Non-negative integer text at a decimal scale, trailing fractional zeros dropped. */
function formatDigits(digits: string, scale: number): string {
  let end = digits.length;
  let s = scale;
  while (s > 0 && digits.charCodeAt(end - 1) === 48 /* 0 */) {
    end--;
    s--;
  }
  if (s === 0) return digits.slice(0, end);
  const cut = end - s;
  return cut > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut, end)}` : `0.${'0'.repeat(-cut)}${digits.slice(0, end)}`;
}

/**
 * Exact sum of two non-negative integer mantissas at the larger of their scales, or -1 when it
 * is not exact in a double (past 2^53, or scales more than 15 apart). The aggregator's per-trade
 * sums use this on plain number fields and fall back to `DecimalAccumulator` on -1.
 */
export function addUnits(units: number, scale: number, addend: number, addendScale: number): number {
  let sum: number;
  if (addendScale === scale) sum = units + addend;
  else if (addendScale < scale) {
    const f = POW10[scale - addendScale];
    if (f === undefined) return -1;
    sum = units + addend * f;
  } else {
    const f = POW10[addendScale - scale];
    if (f === undefined) return -1;
    sum = units * f + addend;
  }
  // Exact products and sums of integers past 2^53 round to at least 2^53, so this catches them.
  return sum <= MAX_SAFE ? sum : -1;
}

/** Nearest double; for charts and statistics, never for stored sums. */
export function toNumber(d: Decimal): number {
  if (typeof d.units === 'number') return d.scale < 16 ? d.units / (POW10[d.scale] as number) : d.units / 10 ** d.scale;
  return Number(formatDecimal(d));
}

/**
 * A running exact sum that mutates in place: the aggregator adds to several of these per trade
 * and per timeframe, so the common path must not allocate.
 */
export class DecimalAccumulator {
  private units: number | bigint = 0;
  private scale = 0;

  add(d: Decimal): void {
    const a = this.units;
    const b = d.units;
    if (typeof a === 'number' && typeof b === 'number') {
      // Common path: align scales in plain numbers while they stay exact.
      if (d.scale === this.scale) {
        const sum = a + b;
        if (sum <= MAX_SAFE && sum >= -MAX_SAFE) {
          this.units = sum;
          return;
        }
      } else if (d.scale < this.scale) {
        const f = POW10[this.scale - d.scale];
        if (f !== undefined) {
          const sum = a + b * f;
          if (sum <= MAX_SAFE && sum >= -MAX_SAFE && b * f <= MAX_SAFE && b * f >= -MAX_SAFE) {
            this.units = sum;
            return;
          }
        }
      } else {
        const f = POW10[d.scale - this.scale];
        if (f !== undefined) {
          const sum = a * f + b;
          if (sum <= MAX_SAFE && sum >= -MAX_SAFE && a * f <= MAX_SAFE && a * f >= -MAX_SAFE) {
            this.units = sum;
            this.scale = d.scale;
            return;
          }
        }
      }
    }
    const next = add({ units: a, scale: this.scale }, d);
    this.units = next.units;
    this.scale = next.scale;
  }

  value(): Decimal {
    return { units: this.units, scale: this.scale };
  }
}
