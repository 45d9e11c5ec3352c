import type { BarInput } from '../../core/indicators/bar-input';
import { IndicatorSpecError, indicatorId } from '../../core/indicators/indicator-spec';
import { INDICATORS, completeParams, createIndicatorFromSpec } from '../../core/indicators/registry';
import type { StreamingIndicator } from '../../core/indicators/streaming-indicator';
import { parseArgs, single } from '../args';
import { InputError, UsageError, type CliIo, type Command } from '../command';

const CANDLES_HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';
const BINANCE_HEADER_PREFIX = 'open_time,open,high,low,close,volume,close_time';
/** Open times above this are microseconds (Binance spot files since 2025); ms stay below it until year 5138. */
const MICROSECONDS_ABOVE = 1e14;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const HELP = `Usage: npm run --silent cli -- indicators --candles FILE --indicator SPEC [--indicator SPEC ...] [--out FILE]
       npm run --silent cli -- indicators --list

Computes technical indicators and statistical features over a candles CSV, one output row per
input bar, exactly as the streaming indicators do live (each bar committed in order).

Flags:
  --candles FILE      Input candles CSV (layouts below).
  --indicator SPEC    An indicator: NAME or NAME:P1,P2,... e.g. rsi:14, macd:12,26,9, bb:20,2.
                      Omitted trailing parameters take their defaults. Repeat for more.
  --out FILE          Write the CSV here (atomically) instead of to stdout.
  --list              Print every indicator with its parameters, defaults and outputs.

Input layouts (detected from the first line):
  1. With header ${CANDLES_HEADER}
     (the output of the \`candles\` command).
  2. Binance klines, headerless (or with Binance's header line), 12 columns:
     open_time,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,
     taker_buy_quote,ignore. open_time in ms or in µs (values above 1e14 are read as µs).
     Taker sell volume is volume − taker_buy_base.
  Blank lines are ignored. Rows must be in strictly increasing open time. Prices must be
  positive with low <= open, close <= high; volumes non-negative.

Output (CSV, "\\n" line ends):
  Header: open_time_ms,<one column per indicator output>
  Column names: <name>_<params joined by _> for an indicator's main output (defaults filled in:
  rsi -> rsi_14), then <name>_<params>_<output> for its other outputs, in the order --list
  shows, e.g. macd_12_26_9,macd_12_26_9_signal,macd_12_26_9_histogram. Indicators without
  parameters are just their name (obv, vwap). Columns follow the order of --indicator flags.
  Rows: one per input bar, open_time_ms in milliseconds. A cell is empty while its indicator is
  warming up (never a fake zero); numbers are printed with full double precision.

Errors: a bad flag or unknown indicator exits 2; a malformed row exits 1 naming its line. On any
error nothing is written.

Examples:
  npm run --silent cli -- indicators --candles btc-1m.csv --indicator rsi:14 --indicator macd
  npm run --silent cli -- indicators --candles BTCUSDT-1m-2024-08.csv --indicator vwap --indicator cvd --out features.csv
`;

function parseNumber(text: string, column: string, line: number): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw new InputError(`line ${line}: ${column} is not a number: ${JSON.stringify(text)}`);
  return Number(trimmed);
}

const BINANCE_COLUMNS = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'trades',
  'taker_buy_base',
  'taker_buy_quote',
  'ignore',
] as const;

interface Layout {
  readonly name: string;
  readonly columns: readonly string[];
  /** Column index of taker buy and (if present) taker sell volume. */
  readonly buy: number;
  readonly sell: number | null;
}

const CANDLES_LAYOUT: Layout = { name: 'candles', columns: CANDLES_HEADER.split(','), buy: 7, sell: 8 };
const BINANCE_LAYOUT: Layout = { name: 'Binance klines', columns: BINANCE_COLUMNS, buy: 9, sell: null };

/** Picks the layout from the first non-blank line; true when that line is a header to skip. */
function detectLayout(fields: readonly string[], line: number): { layout: Layout; header: boolean } {
  const normalized = fields.map((f) => f.trim().toLowerCase()).join(',');
  if (normalized === CANDLES_HEADER) return { layout: CANDLES_LAYOUT, header: true };
  if (normalized.startsWith(BINANCE_HEADER_PREFIX)) return { layout: BINANCE_LAYOUT, header: true };
  if (NUMBER.test((fields[0] ?? '').trim())) return { layout: BINANCE_LAYOUT, header: false };
  throw new InputError(`line ${line}: unrecognised header; expected "${CANDLES_HEADER}" or Binance klines`);
}

/** Reads either supported layout into bars; throws InputError naming the line of the first bad row. */
export function parseCandlesCsv(text: string): BarInput[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const bars: BarInput[] = [];
  let layout: Layout | null = null;
  let previousTime = -Infinity;

  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = (lines[index] as string).replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const fields = raw.split(',');
    if (layout === null) {
      const detected = detectLayout(fields, line);
      layout = detected.layout;
      if (detected.header) continue;
    }
    if (fields.length !== layout.columns.length) {
      throw new InputError(
        `line ${line}: expected ${layout.columns.length} columns (${layout.name} layout), got ${fields.length}`,
      );
    }
    // Every column but Binance's unused last one must be a number, even those not used here.
    const values = layout.columns.map((column, i) =>
      column === 'ignore' ? NaN : parseNumber(fields[i] as string, column, line),
    );
    const at = (i: number): number => values[i] as number;
    let timeMs = at(0);
    if (!Number.isInteger(timeMs) || timeMs < 0) {
      throw new InputError(`line ${line}: open time must be a whole number >= 0`);
    }
    if (timeMs > MICROSECONDS_ABOVE) timeMs = Math.floor(timeMs / 1000);
    const [open, high, low, close, volume] = [at(1), at(2), at(3), at(4), at(5)];
    const buyVolume = at(layout.buy);
    const sellVolume = layout.sell === null ? undefined : at(layout.sell);

    if (!(open > 0 && high > 0 && low > 0 && close > 0)) throw new InputError(`line ${line}: prices must be positive`);
    if (!(low <= open && low <= close && high >= open && high >= close)) {
      throw new InputError(
        `line ${line}: need low <= open, close <= high (got o=${open} h=${high} l=${low} c=${close})`,
      );
    }
    const sellOk = sellVolume === undefined || (sellVolume >= 0 && sellVolume <= volume);
    if (!(volume >= 0 && buyVolume >= 0 && buyVolume <= volume && sellOk)) {
      throw new InputError(`line ${line}: volumes must be non-negative and buy/sell volume at most the volume`);
    }
    if (!(timeMs > previousTime)) {
      throw new InputError(`line ${line}: open time ${timeMs} is not after the previous row's (${previousTime})`);
    }
    previousTime = timeMs;
    // Binance gives only the taker-buy side; the indicators derive the sell side as volume − buy.
    bars.push(
      sellVolume === undefined
        ? { timeMs, open, high, low, close, volume, buyVolume }
        : { timeMs, open, high, low, close, volume, buyVolume, sellVolume },
    );
  }
  return bars;
}

function listing(): string {
  const blocks = INDICATORS.map((d) => {
    const defaults = completeParams(d, []);
    const params = d.params.length === 0 ? '(none)' : d.params.map((p, i) => `${p.name}=${defaults[i]}`).join(' ');
    const id = indicatorId(d.name, defaults);
    const columns = d.outputs.map((o, i) => (i === 0 ? id : `${id}_${o}`)).join(',');
    const lines = [
      `${d.name}  ${d.title} [${d.category}]`,
      `  params:  ${params}`,
      `  outputs: ${d.outputs.join(' ')}  (columns with defaults: ${columns})`,
    ];
    if (d.talib !== undefined) lines.push(`  TA-Lib:  ${d.talib}`);
    return lines.join('\n');
  });
  return `Indicators: --indicator NAME[:P1,P2,...], parameters in the order shown.\n\n${blocks.join('\n\n')}\n`;
}

function createAll(specs: readonly string[]): StreamingIndicator[] {
  const indicators = specs.map((spec) => {
    try {
      return createIndicatorFromSpec(spec);
    } catch (error) {
      if (error instanceof IndicatorSpecError) throw new UsageError(error.message);
      throw error;
    }
  });
  const seen = new Set<string>();
  for (const column of indicators.flatMap((i) => i.columns)) {
    if (seen.has(column)) throw new UsageError(`column ${column} requested twice`);
    seen.add(column);
  }
  return indicators;
}

/** The whole output CSV; built in memory so a failure writes nothing. */
export function indicatorsCsv(bars: readonly BarInput[], indicators: readonly StreamingIndicator[]): string {
  const out = [['open_time_ms', ...indicators.flatMap((i) => i.columns)].join(',')];
  for (const bar of bars) {
    const cells = [String(bar.timeMs)];
    for (const indicator of indicators) {
      const value = indicator.add(bar);
      for (const output of indicator.outputs) cells.push(value === null ? '' : String(value[output]));
    }
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: 'Compute indicators and features (rsi, macd, bb, vwap, ...) over a candles CSV',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: ['candles', 'out'], repeatable: ['indicator'], switches: ['list'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    if (args.switches.has('list')) {
      if (args.values.size > 0) throw new UsageError('--list takes no other flags');
      io.stdout(listing());
      return 0;
    }
    const candles = single(args, 'candles');
    if (candles === undefined) throw new UsageError('--candles is required');
    const specs = args.values.get('indicator') ?? [];
    if (specs.length === 0) throw new UsageError('at least one --indicator is required (see --list)');
    const indicators = createAll(specs);

    let text: string;
    try {
      text = await io.readText(candles);
    } catch (error) {
      throw new InputError(`cannot read ${candles}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const bars = parseCandlesCsv(text);
    const csv = indicatorsCsv(bars, indicators);
    const out = single(args, 'out');
    if (out === undefined) io.stdout(csv);
    else await io.writeText(out, csv);
    return 0;
  },
};
