import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import { createIndicatorFromSpec } from '../../core/indicators/registry';
import { InputError, UsageError } from '../command';
import { memoryIo as sharedMemoryIo } from '../memory-io';
import { indicatorsCommand } from './indicators';

/** An in-memory CliIo: files in a map, stdout/stderr collected. */
function memoryIo(files: Record<string, string> = {}) {
  const { io, out, written } = sharedMemoryIo(files);
  return { io, written, stdout: () => out.stdout, stderr: () => out.stderr };
}

const BARS = syntheticBars({ bars: 60, seed: 21 });

/** The `candles` command's layout (exact decimals as text). */
const CANDLES_CSV = [
  'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades',
  ...BARS.map((b) =>
    [
      b.timeMs,
      b.open,
      b.high,
      b.low,
      b.close,
      b.volume,
      (b.volume * b.close).toFixed(2),
      b.buyVolume,
      b.sellVolume,
      42,
    ].join(','),
  ),
].join('\n');

/** Binance headerless klines with µs open times and CRLF line ends. */
const BINANCE_CSV = BARS.map((b) =>
  [
    b.timeMs * 1000,
    b.open.toFixed(8),
    b.high.toFixed(8),
    b.low.toFixed(8),
    b.close.toFixed(8),
    b.volume.toFixed(8),
    b.timeMs * 1000 + 59_999_999,
    (b.volume * b.close).toFixed(8),
    17,
    (b.buyVolume as number).toFixed(8),
    '0',
    '0',
  ].join(','),
).join('\r\n');

function parseCsv(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => line.split(','));
}

describe('indicators command', () => {
  it('writes one row per bar, empty cells during warm-up, full-precision values', async () => {
    const { io, stdout } = memoryIo({ 'c.csv': CANDLES_CSV });
    const code = await indicatorsCommand.run(
      ['--candles', 'c.csv', '--indicator', 'rsi:14', '--indicator', 'macd:12,26,9', '--indicator', 'obv'],
      io,
    );
    expect(code).toBe(0);
    const rows = parseCsv(stdout());
    expect(rows[0]).toEqual([
      'open_time_ms',
      'rsi_14',
      'macd_12_26_9',
      'macd_12_26_9_signal',
      'macd_12_26_9_histogram',
      'obv',
    ]);
    expect(rows).toHaveLength(BARS.length + 1);

    const rsi = createIndicatorFromSpec('rsi:14');
    const macd = createIndicatorFromSpec('macd:12,26,9');
    BARS.forEach((bar, i) => {
      const row = rows[i + 1] as string[];
      expect(row[0]).toBe(String(bar.timeMs));
      const r = rsi.add(bar);
      const m = macd.add(bar);
      expect(row[1]).toBe(r === null ? '' : String(r.rsi));
      expect(row.slice(2, 5)).toEqual(
        m === null ? ['', '', ''] : [String(m.macd), String(m.signal), String(m.histogram)],
      );
      expect(row[5]).not.toBe('');
    });
    // rows[i + 1] is bar i: RSI(14) starts on bar 14, MACD(12,26,9) on bar 33.
    expect(rows[14]?.[1]).toBe('');
    expect(rows[15]?.[1]).not.toBe('');
    expect(rows[33]?.[2]).toBe('');
    expect(rows[34]?.[2]).not.toBe('');
  });

  it('reads Binance klines (µs times, CRLF) the same as the candles layout', async () => {
    const a = memoryIo({ 'c.csv': CANDLES_CSV });
    const b = memoryIo({ 'k.csv': BINANCE_CSV });
    const flags = ['--indicator', 'cvd', '--indicator', 'bb:20,2', '--indicator', 'vwap'];
    await indicatorsCommand.run(['--candles', 'c.csv', ...flags], a.io);
    await indicatorsCommand.run(['--candles', 'k.csv', ...flags], b.io);
    const rowsA = parseCsv(a.stdout());
    const rowsB = parseCsv(b.stdout());
    expect(rowsB[1]?.[0]).toBe(String(BARS[0]?.timeMs));
    // Binance sell volume is derived as volume − buy, so compare CVD numerically.
    rowsB.slice(1).forEach((row, i) => {
      const other = rowsA[i + 1] as string[];
      expect(Number(row[1])).toBeCloseTo(Number(other[1]), 6);
      expect(row.slice(3)).toEqual(other.slice(3));
    });
  });

  it('accepts ms open times and a Binance header line', async () => {
    const text = `open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n1700000000000,10,11,9,10.5,3,1700000059999,31.5,5,1,10.5,0\n`;
    const { io, stdout } = memoryIo({ 'k.csv': text });
    await indicatorsCommand.run(['--candles', 'k.csv', '--indicator', 'cvd'], io);
    expect(stdout()).toBe('open_time_ms,cvd,cvd_delta\n1700000000000,-1,-1\n');
  });

  it('writes --out atomically and nothing to stdout', async () => {
    const { io, written, stdout } = memoryIo({ 'c.csv': CANDLES_CSV });
    await indicatorsCommand.run(['--candles', 'c.csv', '--indicator', 'sma:5', '--out', 'o.csv'], io);
    expect(stdout()).toBe('');
    expect(parseCsv(written.get('o.csv') as string)[0]).toEqual(['open_time_ms', 'sma_5']);
  });

  it('names the line of a bad row and writes nothing', async () => {
    const lines = CANDLES_CSV.split('\n');
    const cases: [string, RegExp][] = [
      [
        lines.map((l, i) => (i === 7 ? l.replace(/^(\d+),[^,]+/, '$1,abc') : l)).join('\n'),
        /^c\.csv: line 8: open is not a finite number/,
      ],
      [
        lines.map((l, i) => (i === 5 ? l.split(',').slice(0, 9).join(',') : l)).join('\n'),
        /line 6: expected 10 columns/,
      ],
      [lines.map((l, i) => (i === 9 ? (lines[8] as string) : l)).join('\n'), /line 10: open time .* is not after/],
      [
        lines.map((l, i) => (i === 3 ? l.replace(/^(\d+),([^,]+),([^,]+),([^,]+)/, '$1,$2,$4,$3') : l)).join('\n'),
        /line 4: need low/,
      ],
      [
        lines.map((l, i) => (i === 2 ? l.replace(/,42$/, ',x') : l)).join('\n'),
        /line 3: trades is not a finite number/,
      ],
      ['time,price\n1,2\n', /line 1: neither a header nor data/],
    ];
    for (const [text, message] of cases) {
      const { io, written, stdout } = memoryIo({ 'c.csv': text });
      const run = indicatorsCommand.run(['--candles', 'c.csv', '--indicator', 'rsi', '--out', 'o.csv'], io);
      await expect(run).rejects.toThrow(InputError);
      await expect(
        indicatorsCommand.run(['--candles', 'c.csv', '--indicator', 'rsi', '--out', 'o.csv'], io),
      ).rejects.toThrow(message);
      expect(written.size).toBe(0);
      expect(stdout()).toBe('');
    }
  });

  it('reports flag and spec problems as usage errors', async () => {
    const { io } = memoryIo({ 'c.csv': CANDLES_CSV });
    const usage = async (argv: string[], message: RegExp) => {
      const run = indicatorsCommand.run(argv, io);
      await expect(run).rejects.toThrow(UsageError);
      await expect(indicatorsCommand.run(argv, io)).rejects.toThrow(message);
    };
    await usage(['--indicator', 'rsi'], /--candles is required/);
    await usage(['--candles', 'c.csv'], /at least one --indicator/);
    await usage(['--candles', 'c.csv', '--indicator', 'nope'], /unknown indicator/);
    await usage(['--candles', 'c.csv', '--indicator', 'rsi:0'], /period must be at least 2/);
    await usage(['--candles', 'c.csv', '--indicator', 'rsi', '--indicator', 'rsi:14'], /rsi_14 requested twice/);
    await usage(['--candles', 'c.csv', '--indicator', 'macd:26,12'], /fast period must be below/);
    await usage(['--list', '--candles', 'c.csv'], /--list takes no other flags/);
    await usage(['--candles', 'c.csv', '--indicator', 'rsi', 'extra'], /unexpected argument/);
    await expect(indicatorsCommand.run(['--candles', 'missing.csv', '--indicator', 'rsi'], io)).rejects.toThrow(
      InputError,
    );
  });

  it('--list shows every indicator with parameters, defaults and outputs', async () => {
    const { io, stdout } = memoryIo();
    expect(await indicatorsCommand.run(['--list'], io)).toBe(0);
    const text = stdout();
    expect(text).toContain('macd  MACD line, signal and histogram');
    expect(text).toContain('params:  fast=12 slow=26 signal=9');
    expect(text).toContain('columns with defaults: macd_12_26_9,macd_12_26_9_signal,macd_12_26_9_histogram');
    expect(text).toContain('params:  (none)');
    expect(text.match(/^\S+ {2}/gm)?.length).toBeGreaterThan(40);
  });

  it('has help describing the output layout', () => {
    expect(indicatorsCommand.name).toBe('indicators');
    expect(indicatorsCommand.help).toContain('open_time_ms,<one column per indicator output>');
    expect(indicatorsCommand.help).toContain('--list');
  });
});
