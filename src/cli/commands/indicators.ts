import type { BarInput } from '../../core/indicators/bar-input';
import { IndicatorSpecError, indicatorId } from '../../core/indicators/indicator-spec';
import { INDICATORS, completeParams, createIndicatorFromSpec } from '../../core/indicators/registry';
import type { StreamingIndicator } from '../../core/indicators/streaming-indicator';
import { parseArgs, single } from '../args';
import { eachCandleRow } from '../candle-rows';
import { UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';

const CANDLES_HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

const HELP = `Usage: npm run --silent cli -- indicators --candles FILE --indicator SPEC [--indicator SPEC ...] [--out FILE]
       npm run --silent cli -- indicators --list

Computes technical indicators and statistical features over a candles CSV, one output row per
input bar, exactly as the streaming indicators do live (each bar committed in order).

Flags:
  --candles FILE      Input candles CSV (layouts below).
  --indicator SPEC    An indicator: NAME or NAME:P1,P2,... e.g. rsi:14, macd:12,26,9, bb:20,2.
                      Omitted trailing parameters take their defaults. Repeat for more.
  --out FILE          Write the CSV here instead of to stdout (- is stdout). A regular file or
                      a new path is replaced atomically, a symlink's target likewise; a device
                      or pipe is written through.
  --list              Print every indicator with its parameters, defaults and outputs.

Input layouts (detected from the first line):
  1. With header ${CANDLES_HEADER}
     (the output of the \`candles\` command).
  2. Binance klines, headerless (or with Binance's header line), 12 columns:
     open_time,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,
     taker_buy_quote,ignore. open_time in ms or in µs (values above 1e14 are read as µs).
     Taker sell volume is volume − taker_buy_base.
  3. Any header naming, in any order (case-insensitive), open_time_ms (or open_time), open,
     high, low, close and volume (or volume_base); optional buy_volume / taker_buy_base,
     sell_volume and trades. Other columns are ignored, e.g.
     open_time_ms,open_time_utc,open,high,low,close,volume_base. Without taker volumes the
     order-flow indicators (CVD, buy/sell volume) have no values.
  Blank lines and a leading byte-order mark are ignored; a first line that is neither header
  nor data is an error. Rows must be in strictly increasing open time. Every number is decimal
  or exponent notation with a finite value (1e400 is refused). Prices must be positive with
  low <= open, close <= high; volumes non-negative. The file is read twice (validated first),
  streamed both times.

Output (CSV, "\\n" line ends):
  Header: open_time_ms,<one column per indicator output>
  Column names: <name>_<params joined by _> for an indicator's main output (defaults filled in:
  rsi -> rsi_14), then <name>_<params>_<output> for its other outputs, in the order --list
  shows, e.g. macd_12_26_9,macd_12_26_9_signal,macd_12_26_9_histogram. Indicators without
  parameters are just their name (obv, vwap). Columns follow the order of --indicator flags.
  Rows: one per input bar, open_time_ms in milliseconds. A cell is empty while its indicator is
  warming up (never a fake zero); numbers are printed with full double precision.

Errors: a bad flag or unknown indicator exits 2; a malformed row exits 1 naming its file and
line, an empty file exits 1. On any error nothing is written.

Examples:
  npm run --silent cli -- indicators --candles btc-1m.csv --indicator rsi:14 --indicator macd
  npm run --silent cli -- indicators --candles BTCUSDT-1m-2024-08.csv --indicator vwap --indicator cvd --out features.csv
`;

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

/** Reads the candles file as bars, one line at a time; errors name the file and line. */
function eachBar(
  io: CliIo,
  path: string,
  onBar: (bar: BarInput) => void,
  afterBatch?: () => Promise<void>,
): Promise<number> {
  return eachCandleRow(
    io,
    path,
    ({ timeMs, open, high, low, close, volume, buyVolume, sellVolume }) =>
      // Binance gives only the taker-buy side; the indicators derive the sell side as volume − buy.
      onBar(
        sellVolume === undefined
          ? { timeMs, open, high, low, close, volume, buyVolume }
          : { timeMs, open, high, low, close, volume, buyVolume, sellVolume },
      ),
    afterBatch,
  );
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

    // Two streaming passes: the first validates every row, so output (even to stdout or a pipe)
    // only starts once the whole file is known good; the second computes and writes.
    await eachBar(io, candles, () => undefined);
    await withOutput(io, single(args, 'out'), async (write) => {
      await write(`${['open_time_ms', ...indicators.flatMap((i) => i.columns)].join(',')}\n`);
      let pending = '';
      await eachBar(
        io,
        candles,
        (bar) => {
          const cells = [String(bar.timeMs)];
          for (const indicator of indicators) {
            const value = indicator.add(bar);
            for (const output of indicator.outputs) cells.push(value === null ? '' : String(value[output]));
          }
          pending += `${cells.join(',')}\n`;
        },
        async () => {
          const text = pending;
          pending = '';
          if (text.length > 0) await write(text);
        },
      );
    });
    return 0;
  },
};
