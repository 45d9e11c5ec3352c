import { parseCsvNumber } from '../../core/csv/csv-number';
import { InputError, type CliIo } from '../command';
import { readLines } from '../read-lines';

/** One row of a `timestamp,value` series: the cells' own text (echoed unchanged) and their values. */
export interface SeriesRow {
  readonly line: number;
  readonly timeText: string;
  readonly valueText: string;
  readonly timeMs: number;
  readonly value: number;
}

const NAB_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const EPOCH_MS = /^\d{1,16}$/;

/** `YYYY-MM-DD HH:MM:SS` (UTC, NAB's layout) or integer epoch milliseconds; null otherwise. */
export function parseSeriesTime(text: string): number | null {
  if (EPOCH_MS.test(text)) return Number(text);
  const m = NAB_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Refuses impossible dates (2024-02-30) that Date.UTC would roll over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

/**
 * Streams the rows of a `timestamp,value` CSV with that header to `onRow`, refusing — with the
 * file and line — a missing or different header, a row without exactly two cells, a timestamp in
 * neither layout, a value that is not a finite number and a timestamp before the previous row's.
 * Equal timestamps pass (NAB's own files repeat a few); blank lines are skipped.
 */
export async function readSeries(
  io: CliIo,
  path: string,
  onRow: (row: SeriesRow) => void,
  afterBatch?: () => Promise<void>,
): Promise<number> {
  let header = false;
  let rows = 0;
  let previous = -Infinity;
  await readLines(
    io,
    path,
    (line, text) => {
      if (text.trim() === '') return;
      const cells = text.split(',');
      if (!header) {
        if (
          cells.length !== 2 ||
          cells[0]?.trim().toLowerCase() !== 'timestamp' ||
          cells[1]?.trim().toLowerCase() !== 'value'
        )
          throw new InputError(
            `${path} line ${line}: expected the header "timestamp,value", got ${JSON.stringify(text.slice(0, 80))}`,
          );
        header = true;
        return;
      }
      if (cells.length !== 2)
        throw new InputError(`${path} line ${line}: expected 2 cells (timestamp,value), got ${cells.length}`);
      const [timeText, valueText] = cells as [string, string];
      const timeMs = parseSeriesTime(timeText.trim());
      if (timeMs === null)
        throw new InputError(
          `${path} line ${line}: timestamp ${JSON.stringify(timeText)} is neither "YYYY-MM-DD HH:MM:SS" nor epoch ms`,
        );
      const value = parseCsvNumber(valueText);
      if (value === null)
        throw new InputError(`${path} line ${line}: value ${JSON.stringify(valueText)} is not a finite number`);
      if (timeMs < previous)
        throw new InputError(
          `${path} line ${line}: timestamp ${JSON.stringify(timeText)} is before the previous row's`,
        );
      previous = timeMs;
      rows++;
      onRow({ line, timeText, valueText, timeMs, value });
    },
    afterBatch,
  );
  if (!header) throw new InputError(`${path}: empty file; expected the header "timestamp,value"`);
  if (rows === 0) throw new InputError(`${path}: no rows after the header`);
  return rows;
}
