import type { Candle } from '../candles/candle';
import { timeframeMs } from '../candles/timeframe';

/** The span an import holds completely, [from, to) in ms. */
export interface ImportCoverage {
  readonly coveredFromMs: number;
  readonly coveredToMs: number;
}

export interface BarMerge {
  /** Imported bars to write (new, or replacing a stored bar). */
  readonly put: Candle[];
  /** Stored bars left as they were. */
  readonly kept: number;
}

/**
 * What an import does to bars already stored under the same key: a bar the import does not
 * have is added; a stored bar is replaced only when the imported one is complete (its whole
 * interval lies inside what the file covers) and the stored one is closed. The forming live bar
 * and stored bars the file covers only in part (the file's first and last interval) are kept,
 * so an import never truncates or rewinds what the live feed recorded.
 */
export function mergeImportedBars(
  imported: readonly Candle[],
  stored: readonly (Candle | undefined)[],
  coverage: ImportCoverage,
): BarMerge {
  const put: Candle[] = [];
  let kept = 0;
  imported.forEach((bar, i) => {
    const existing = stored[i];
    if (existing === undefined) put.push(bar);
    else if (existing.closed && isComplete(bar, coverage)) put.push(bar);
    else kept++;
  });
  return { put, kept };
}

export function isComplete(bar: Candle, coverage: ImportCoverage): boolean {
  return (
    bar.openTimeMs >= coverage.coveredFromMs && bar.openTimeMs + timeframeMs(bar.timeframe) <= coverage.coveredToMs
  );
}
