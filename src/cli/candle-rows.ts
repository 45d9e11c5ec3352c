import type { ForecastBar } from '../core/models/forecast/forecaster';
import { CandlesCsvReader, type CandleCsvRow } from '../core/csv/candles-csv-reader';
import { CsvError } from '../core/csv/csv-error';
import { lineBatches, isBlank } from '../core/csv/line-batches';
import { InputError, type CliIo } from './command';
import { readLines } from './read-lines';

/**
 * The bars of a candles CSV as a pull stream, one chunk of the file at a time, validated by the
 * shared reader; errors are InputErrors naming the file and line. For commands that walk two
 * files side by side (`pair`).
 */
export class CandleRowCursor {
  private readonly reader = new CandlesCsvReader();
  private readonly batches: AsyncIterator<{ firstLine: number; lines: readonly string[] }>;
  private rows: CandleCsvRow[] = [];
  private at = 0;
  private ended = false;

  constructor(
    io: CliIo,
    readonly path: string,
  ) {
    this.batches = lineBatches(io.readChunks(path))[Symbol.asyncIterator]();
  }

  /** The next bar, or null at the end of the file. */
  async next(): Promise<CandleCsvRow | null> {
    while (this.at >= this.rows.length) {
      if (this.ended) return null;
      await this.fill();
    }
    return this.rows[this.at++] as CandleCsvRow;
  }

  private async fill(): Promise<void> {
    this.rows = [];
    this.at = 0;
    try {
      const batch = await this.batches.next();
      if (batch.done === true) {
        this.ended = true;
        this.reader.finish();
        return;
      }
      const { firstLine, lines } = batch.value;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string;
        if (isBlank(line)) continue;
        const row = this.reader.row(firstLine + i, line);
        if (row !== null) this.rows.push(row);
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw new InputError(`${this.path}: ${error.line === 1 && this.ended ? error.reason : error.message}`);
      }
      throw error;
    }
  }
}

/**
 * Pushes the rows of a candles CSV to `onRow`, one line at a time (bounded memory), validated by
 * the shared reader; errors are InputErrors naming the file and line. Resolves with the row count.
 * For commands that walk one file (`indicators`, `alerts`).
 */
export async function eachCandleRow(
  io: CliIo,
  path: string,
  onRow: (row: CandleCsvRow) => void,
  afterBatch?: () => Promise<void>,
): Promise<number> {
  const reader = new CandlesCsvReader();
  await readLines(
    io,
    path,
    (n, line) => {
      const row = reader.row(n, line);
      if (row !== null) onRow(row);
    },
    afterBatch,
  );
  try {
    reader.finish();
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`${path}: ${error.reason}`);
    throw error;
  }
  return reader.rows;
}

/**
 * The bars of a candles CSV (the layouts `indicators` reads) as numbers, validated row by row;
 * errors are InputErrors naming the file and line. `forecast`, `regimes`, `signals` and `backtest`
 * fit on the whole history, so they hold six numbers a bar (66k 1m bars ≈ 3 MB).
 */
export async function readForecastBars(io: CliIo, path: string): Promise<ForecastBar[]> {
  const cursor = new CandleRowCursor(io, path);
  const bars: ForecastBar[] = [];
  for (let row = await cursor.next(); row !== null; row = await cursor.next()) {
    bars.push({
      openTimeMs: row.timeMs,
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      volume: row.volume,
    });
  }
  return bars;
}
