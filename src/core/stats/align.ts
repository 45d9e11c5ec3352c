export interface Timed {
  readonly openTimeMs: number;
}

export interface AlignedPair<A, B> {
  readonly openTimeMs: number;
  readonly a: A;
  readonly b: B;
}

function checkAscending(bars: readonly Timed[], side: string): void {
  for (let i = 1; i < bars.length; i++) {
    if (!((bars[i] as Timed).openTimeMs > (bars[i - 1] as Timed).openTimeMs)) {
      throw new RangeError(
        `alignByOpenTime: ${side}[${i}] is not after ${side}[${i - 1}] (times must strictly increase)`,
      );
    }
  }
}

/**
 * Inner join of two bar series on open time (any venues, same timeframe): bars that only one side
 * has, such as gaps in a halted market, are dropped. Both inputs must be strictly ascending.
 */
export function alignByOpenTime<A extends Timed, B extends Timed>(
  a: readonly A[],
  b: readonly B[],
): AlignedPair<A, B>[] {
  checkAscending(a, 'a');
  checkAscending(b, 'b');
  const out: AlignedPair<A, B>[] = [];
  let j = 0;
  for (const barA of a) {
    while (j < b.length && (b[j] as B).openTimeMs < barA.openTimeMs) j++;
    if (j >= b.length) break;
    const barB = b[j] as B;
    if (barB.openTimeMs === barA.openTimeMs) out.push({ openTimeMs: barA.openTimeMs, a: barA, b: barB });
  }
  return out;
}
