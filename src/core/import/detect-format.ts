/** Every file layout Tapewatch imports. */
export type ImportFormat = 'binance-trades' | 'binance-aggtrades' | 'binance-klines' | 'csv-trades' | 'ndjson-trades';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  'binance-trades',
  'binance-aggtrades',
  'binance-klines',
  'csv-trades',
  'ndjson-trades',
];

const BOOL = /^(true|false)$/i;
const NUM = /^-?\d+(\.\d+)?$/;

/**
 * Guesses the layout from the first data lines: Binance's headerless files by column count and
 * types, NDJSON by its braces, anything else with a header row as a generic trades CSV.
 */
export function detectFormat(sample: string): ImportFormat {
  const first = sample
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l.length > 0);
  const line = first[0] ?? '';
  if (line.startsWith('{')) return 'ndjson-trades';
  // Binance files may carry a header row since 2025; look at the first numeric row.
  const data = first.find((l) => /^\d/.test(l)) ?? '';
  const cells = data.split(',').map((c) => c.trim());
  const bools = (...i: number[]) => i.every((k) => BOOL.test(cells[k] ?? ''));
  const nums = (...i: number[]) => i.every((k) => NUM.test(cells[k] ?? ''));
  const headerIsBinance = !/^\d/.test(line) ? /^(id|agg_trade_id|open_time)\b/i.test(line) : true;
  if (headerIsBinance) {
    if (cells.length === 7 && nums(0, 1, 2, 3, 4) && bools(5, 6)) return 'binance-trades';
    if (cells.length === 8 && nums(0, 1, 2, 3, 4, 5) && bools(6, 7)) return 'binance-aggtrades';
    if (cells.length === 12 && nums(0, 1, 2, 3, 4, 5, 6, 7, 8)) return 'binance-klines';
  }
  return 'csv-trades';
}
