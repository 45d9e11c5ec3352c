import { parseArgs, single } from '../args';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { readLines, withOutput } from '../read-lines';
import { CandleAggregator } from '../../core/candles/aggregator';
import type { Candle } from '../../core/candles/candle';
import { resampleCandles } from '../../core/candles/resample';
import { isTimeframe, TIMEFRAMES, timeframeMs, type TimeframeId } from '../../core/candles/timeframe';
import { BinanceKlineRows } from '../../core/csv/binance-klines';
import { BinanceTradeRows } from '../../core/csv/binance-trades';
import { CANDLES_CSV_HEADER, candleCsvRow } from '../../core/csv/candles-csv';
import { CsvError } from '../../core/csv/csv-error';
import { NdjsonTradeRows } from '../../core/import/generic-trades';
import { TradeStream } from '../../core/import/trade-stream';
const FORMATS = ['binance-trades', 'binance-aggtrades', 'binance-klines', 'ndjson'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: npm run --silent cli -- candles --trades FILE [--format FORMAT] --timeframe TF [--symbol S] [--out FILE]

Aggregates trades into OHLCV candles with the same code the app's feed worker runs.

Flags:
  --trades FILE     input trades file (required)
  --format FORMAT   ${FORMATS.join(' | ')} (default binance-trades)
                    binance-trades:    id,price,qty,quote_qty,time,is_buyer_maker,is_best_match
                    binance-aggtrades: agg_id,price,qty,first_id,last_id,time,is_buyer_maker,is_best_match
                    binance-klines:    open_time,open,high,low,close,volume,close_time,quote_volume,
                                       trades,taker_buy_base,taker_buy_quote,ignore
                                       (rolled up exactly into --timeframe, which must be at least the
                                       file's bar length)
                    Binance files are headerless as published (a header row is skipped); time in ms,
                    or µs as in Binance's files since 2025 (detected per row: values > 1e14 are µs).
                    ndjson:            one trade object a line, as \`normalize\` prints them:
                                       {"type":"trade","timeMs":…,"price":"…","size":"…","side":"buy"|"sell"}
                                       (time/T/ts, p/px, qty/q/amount and id/t are accepted too;
                                       non-trade lines such as quotes are skipped)
  --timeframe TF    ${TIMEFRAMES.join(' | ')} (required); UTC-aligned, 1d starts 00:00 UTC
  --symbol S        ndjson only: keep the rows of symbol S. Without it a file whose rows name
                    more than one venue:symbol is refused (naming both and the line).
  --out FILE        write CSV here (default: stdout; - is stdout too). A regular file or a new
                    path is replaced atomically; a symlink's target is replaced, the link kept;
                    a device or pipe (/dev/null, a FIFO) is written through, never replaced.

Output CSV, one row per interval that had trades, oldest first:
  open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades
  Prices are the input's own text; volumes are exact decimal sums (no float rounding).
  volume is base-asset volume, quote_volume = sum(price × qty), buy/sell = taker side.

Trades are de-duplicated: a repeated trade id (or, without ids, the same time, price, size and
side) counts once, and stderr says how many were dropped. The file is streamed: memory stays
bounded whatever its size. Rows must be in id order within 131072 ids (Binance files are).

A bad row (unparsable, or a trade time before 2009 or more than a day ahead) stops the run with
the file, its line number and exit code 1; an empty file is an error too. Nothing is written.
`;

export const candlesCommand: Command = {
  name: 'candles',
  summary: 'aggregate a trades file into OHLCV candles',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, {
      values: ['trades', 'format', 'timeframe', 'out', 'symbol'],
      required: ['trades', 'timeframe'],
    });
    const format = (single(args, 'format') ?? 'binance-trades') as Format;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}`);
    }
    const timeframe = single(args, 'timeframe') as string;
    if (!isTimeframe(timeframe)) throw new UsageError(`--timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    const symbol = single(args, 'symbol');
    if (symbol !== undefined && format !== 'ndjson') throw new UsageError('--symbol applies to --format ndjson only');
    const path = single(args, 'trades') as string;
    const candles =
      format === 'binance-klines'
        ? await klineCandles(io, path, timeframe)
        : await tradeCandles(io, path, format, timeframe, symbol);
    // Bars are few next to the trades they summarise: held until the whole file passed, so an
    // error anywhere writes nothing, even to stdout.
    await withOutput(io, single(args, 'out'), async (write) => {
      await write(`${CANDLES_CSV_HEADER}\n`);
      for (const c of candles) await write(`${candleCsvRow(c)}\n`);
    });
    return 0;
  },
};

async function tradeCandles(
  io: CliIo,
  path: string,
  format: Exclude<Format, 'binance-klines'>,
  timeframe: TimeframeId,
  symbol: string | undefined,
): Promise<Candle[]> {
  const agg = new CandleAggregator({ timeframes: [timeframe], latenessMs: Number.POSITIVE_INFINITY });
  const rows = format === 'ndjson' ? new NdjsonTradeRows('binance-spot', 'UNKNOWN') : new BinanceTradeRows(format);
  const stream = new TradeStream(
    rows,
    { skipBadRows: false, nowMs: Date.now(), ...(symbol !== undefined ? { onlySymbol: symbol } : {}) },
    (trade) => agg.add(trade),
  );
  await readLines(io, path, (n, line) => stream.line(n, line));
  try {
    stream.finish();
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`${path}: ${error.reason}`);
    throw error;
  }
  if (stream.duplicates > 0) io.stderr(`candles: ${path}: ${stream.duplicates} duplicate trades dropped\n`);
  return agg.finish().map((u) => u.candle);
}

async function klineCandles(io: CliIo, path: string, timeframe: TimeframeId): Promise<Candle[]> {
  const rows = new BinanceKlineRows('binance-spot', 'UNKNOWN');
  const klines: Candle[] = [];
  await readLines(io, path, (n, line) => {
    const kline = rows.row(n, line);
    if (kline !== null) klines.push(kline);
  });
  if (rows.timeframe === null) throw new InputError(`${path}: no klines in file`);
  if (timeframeMs(timeframe) < timeframeMs(rows.timeframe)) {
    throw new UsageError(`--timeframe ${timeframe} is shorter than the file's ${rows.timeframe} bars`);
  }
  return timeframe === rows.timeframe ? klines : resampleCandles(klines, timeframe);
}
