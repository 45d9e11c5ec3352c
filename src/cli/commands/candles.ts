import { parseArgs, single } from '../args';
import { InputError, UsageError, type Command } from '../command';
import { aggregateTrades } from '../../core/candles/aggregate-trades';
import type { Candle } from '../../core/candles/candle';
import { resampleCandles } from '../../core/candles/resample';
import { isTimeframe, TIMEFRAMES, timeframeMs, type TimeframeId } from '../../core/candles/timeframe';
import { parseBinanceKlinesCsv } from '../../core/csv/binance-klines';
import { parseBinanceTradesCsv } from '../../core/csv/binance-trades';
import { candlesToCsv } from '../../core/csv/candles-csv';
import { CsvError } from '../../core/csv/csv-error';
import { parseNdjsonTrades } from '../../core/import/generic-trades';

const FORMATS = ['binance-trades', 'binance-aggtrades', 'binance-klines', 'ndjson'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: npm run --silent cli -- candles --trades FILE [--format FORMAT] --timeframe TF [--out FILE]

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
  --out FILE        write CSV here (default: stdout)

Output CSV, one row per interval that had trades, oldest first:
  open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades
  Prices are the input's own text; volumes are exact decimal sums (no float rounding).
  volume is base-asset volume, quote_volume = sum(price × qty), buy/sell = taker side.

A bad row stops the run with its line number and exit code 1; nothing is written.
`;

export const candlesCommand: Command = {
  name: 'candles',
  summary: 'aggregate a trades file into OHLCV candles',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, {
      values: ['trades', 'format', 'timeframe', 'out'],
      required: ['trades', 'timeframe'],
    });
    const format = (single(args, 'format') ?? 'binance-trades') as Format;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}`);
    }
    const timeframe = single(args, 'timeframe') as string;
    if (!isTimeframe(timeframe)) throw new UsageError(`--timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    const path = single(args, 'trades') as string;
    let text: string;
    try {
      text = await io.readText(path);
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
    }
    let candles: Candle[];
    try {
      candles = toCandles(text, format, timeframe);
    } catch (error) {
      if (error instanceof CsvError) throw new InputError(`${path}: ${error.message}`);
      throw error;
    }
    const csv = candlesToCsv(candles);
    const out = single(args, 'out');
    if (out === undefined) io.stdout(csv);
    else await io.writeText(out, csv);
    return 0;
  },
};

function toCandles(text: string, format: Format, timeframe: TimeframeId): Candle[] {
  switch (format) {
    case 'binance-trades':
    case 'binance-aggtrades':
      return aggregateTrades(parseBinanceTradesCsv(text, format), timeframe);
    case 'ndjson':
      return aggregateTrades(parseNdjsonTrades(text, 'binance-spot', 'UNKNOWN', false).rows, timeframe);
    case 'binance-klines': {
      const klines = parseBinanceKlinesCsv(text, 'binance-spot', 'UNKNOWN');
      if (timeframeMs(timeframe) < timeframeMs(klines.timeframe)) {
        throw new UsageError(`--timeframe ${timeframe} is shorter than the file's ${klines.timeframe} bars`);
      }
      return timeframe === klines.timeframe ? klines.candles : resampleCandles(klines.candles, timeframe);
    }
  }
}
