import { describe, expect, it } from 'vitest';
import { expectClose, loadPair } from '../../../test/fixtures/stats/stats-fixtures';
import { InputError, UsageError, type CliIo } from '../command';
import { memoryIo as sharedMemoryIo } from '../memory-io';
import { PairAnalytics } from '../../core/stats/pair-analytics';
import { PAIR_CSV_HEADER, pairCommand } from './pair';

interface MemoryIo extends CliIo {
  readonly out: string;
  readonly err: string;
  readonly written: Map<string, string>;
}

function memoryIo(files: Record<string, string>): MemoryIo {
  const { io, out, written } = sharedMemoryIo(files);
  return {
    ...io,
    written,
    get out() {
      return out.stdout;
    },
    get err() {
      return out.stderr;
    },
  };
}

const TAPEWATCH_HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

/** Binance klines layout, headerless; `scale` 1000 writes µs open times as Binance does since 2025. */
function binanceCsv(times: readonly number[], closes: readonly string[], scale = 1): string {
  return closes
    .map(
      (c, i) =>
        `${(times[i] as number) * scale},${c},${c},${c},${c},1.5,${(times[i] as number) * scale + 59_999},10,7,1,5,0\n`,
    )
    .join('');
}

function tapewatchCsv(times: readonly number[], closes: readonly string[]): string {
  return `${TAPEWATCH_HEADER}\n${closes.map((c, i) => `${times[i]},${c},${c},${c},${c},1,${c},0.5,0.5,3`).join('\n')}\n`;
}

interface Summary {
  bars: number;
  ols: { beta: number; alpha: number };
  adf: { statistic: number; pvalue: number; usedlag: number | null; critical: Record<'1%' | '5%' | '10%', number> };
  coint: { statistic: number | null; pvalue: number };
  halfLifeBars: number | null;
}

const { fixture, a, b } = loadPair('btc-eth-1m-stationary');
const times = fixture.openTimeMs as readonly number[];
const aText = fixture.a.map(String);
const bText = fixture.b.map(String);

describe('pair command', () => {
  it('writes the CSV to --out and a summary equal to statsmodels on stdout', async () => {
    const io = memoryIo({ 'a.csv': binanceCsv(times, aText), 'b.csv': tapewatchCsv(times, bText) });
    expect(await pairCommand.run(['--a', 'a.csv', '--b', 'b.csv', '--out', 'pair.csv'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out.endsWith('\n')).toBe(true);
    expect(io.out.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(io.out) as Summary;
    expect(Object.keys(summary)).toEqual(['bars', 'ols', 'adf', 'coint', 'halfLifeBars']);
    const e = fixture.expected;
    expect(summary.bars).toBe(1500);
    expectClose(summary.ols.beta, e.ols.beta);
    expectClose(summary.ols.alpha, e.ols.alpha);
    expectClose(summary.adf.statistic, e.spreadAdf.aic.statistic);
    expectClose(summary.adf.pvalue, e.spreadAdf.aic.pvalue);
    expect(summary.adf.usedlag).toBe(e.spreadAdf.aic.usedlag);
    for (const level of ['1%', '5%', '10%'] as const)
      expectClose(summary.adf.critical[level], e.spreadAdf.aic.critical[level]);
    expectClose(summary.coint.statistic as number, e.coint.statistic);
    expectClose(summary.coint.pvalue, e.coint.pvalue);
    expectClose(summary.halfLifeBars as number, e.halfLife.halfLife);

    const lines = (io.written.get('pair.csv') as string).trimEnd().split('\n');
    expect(lines[0]).toBe(PAIR_CSV_HEADER);
    expect(lines).toHaveLength(1501);
    // Rows are the streaming analytics, printed with String(x); empty cells during warm-up.
    const analytics = new PairAnalytics({ window: 100 });
    lines.slice(1).forEach((line, i) => {
      const p = analytics.add(a[i] as number, b[i] as number);
      const cell = (x: number | null) => (x === null ? '' : String(x));
      const expected = [
        times[i],
        aText[i],
        bText[i],
        p.olsBeta,
        p.olsAlpha,
        p.kalmanBeta,
        p.kalmanAlpha,
        p.spread,
        p.zscore,
        p.correlation,
      ].map((v) => (typeof v === 'number' || v === null ? cell(v) : String(v)));
      expect(line).toBe(expected.join(','));
    });
    expect(lines[1]).toBe(`${times[0]},${aText[0]},${bText[0]},,,,,,,`);
    expect(lines[99]?.split(',')[3]).toBe('');
    expect(lines[100]?.split(',')[3]).not.toBe('');
    expect(lines[198]?.split(',')[8]).toBe('');
    expect(lines[199]?.split(',')[8]).not.toBe('');
  });

  it('without --out writes the CSV to stdout and the summary to stderr', async () => {
    const io = memoryIo({ 'a.csv': binanceCsv(times, aText), 'b.csv': binanceCsv(times, bText) });
    expect(await pairCommand.run(['--a=a.csv', '--b=b.csv', '--window', '20'], io)).toBe(0);
    expect(io.out.split('\n')[0]).toBe(PAIR_CSV_HEADER);
    expect(io.out.trimEnd().split('\n')).toHaveLength(1501);
    expect((JSON.parse(io.err) as Summary).bars).toBe(1500);
    expect(io.written.size).toBe(0);
    // Window 20: first hedge at row 20.
    expect(io.out.split('\n')[20]?.split(',')[3]).not.toBe('');
    expect(io.out.split('\n')[19]?.split(',')[3]).toBe('');
  });

  it('inner-joins on open time, reads µs Binance times, skips a Binance header row and a BOM', async () => {
    const n = 200;
    const keepB = (i: number) => i % 10 !== 3;
    const bTimes = times.slice(0, n).filter((_, i) => keepB(i));
    const bCloses = bText.slice(0, n).filter((_, i) => keepB(i));
    const header =
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n';
    const io = memoryIo({
      'a.csv': header + binanceCsv(times.slice(0, n), aText.slice(0, n), 1000),
      'b.csv': `\uFEFF${tapewatchCsv(bTimes, bCloses)}`,
    });
    expect(await pairCommand.run(['--a', 'a.csv', '--b', 'b.csv', '--out', 'o.csv'], io)).toBe(0);
    const rows = (io.written.get('o.csv') as string).trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(bTimes.length);
    expect(rows.map((r) => Number(r.split(',')[0]))).toEqual(bTimes);
    expect(rows[0]?.split(',').slice(1, 3)).toEqual([aText[0], bText[0]]);
  });

  it('reports the file and line of a bad row and writes nothing', async () => {
    const good = tapewatchCsv(times.slice(0, 100), bText.slice(0, 100));
    const cases: [string, RegExp][] = [
      [
        good.replace(`${bText[4]},${bText[4]},${bText[4]},${bText[4]}`, `${bText[4]},${bText[4]},${bText[4]},oops`),
        /^b\.csv: line 6: close is not a finite number: "oops"/,
      ],
      [good.replace(`${times[7]},`, `${times[5]},`), /^b\.csv: line 9: open time .* is not after/],
      [good.replace(`${times[2]},`, '12x,'), /^b\.csv: line 4: open_time_ms is not a finite number: "12x"/],
      [`${good}1,2,3\n`, /^b\.csv: line 102: expected 10 columns \(candles layout\), got 3/],
      ['hello,world\n', /^b\.csv: line 1: neither a header nor data/],
    ];
    for (const [text, message] of cases) {
      const io = memoryIo({ 'a.csv': binanceCsv(times.slice(0, 100), aText.slice(0, 100)), 'b.csv': text });
      const run = pairCommand.run(['--a', 'a.csv', '--b', 'b.csv', '--out', 'o.csv'], io);
      await expect(run).rejects.toBeInstanceOf(InputError);
      await expect(run).rejects.toThrow(message);
      expect(io.written.size).toBe(0);
      expect(io.out).toBe('');
    }
  });

  it('refuses too few common bars, unreadable files and a constant hedge leg', async () => {
    const io = memoryIo({
      'a.csv': binanceCsv(times.slice(0, 29), aText.slice(0, 29)),
      'b.csv': binanceCsv(times, bText),
    });
    await expect(pairCommand.run(['--a', 'a.csv', '--b', 'b.csv'], io)).rejects.toThrow(
      /share 29 open times; at least 30/,
    );
    await expect(pairCommand.run(['--a', 'missing.csv', '--b', 'b.csv'], io)).rejects.toThrow(
      /cannot read missing\.csv/,
    );
    const flat = binanceCsv(
      times.slice(0, 50),
      Array.from({ length: 50 }, () => '5.5'),
    );
    const flatIo = memoryIo({ 'a.csv': binanceCsv(times, aText), 'flat.csv': flat });
    await expect(pairCommand.run(['--a', 'a.csv', '--b', 'flat.csv'], flatIo)).rejects.toThrow(
      /flat\.csv: the close never changes/,
    );
    expect(io.out).toBe('');
  });

  it('prints nulls for an exact hedge (a = 2·b)', async () => {
    const doubled = bText.slice(0, 300).map((t) => String(Number(t) * 2));
    const io = memoryIo({
      'a.csv': binanceCsv(times.slice(0, 300), doubled),
      'b.csv': binanceCsv(times.slice(0, 300), bText.slice(0, 300)),
    });
    expect(await pairCommand.run(['--a', 'a.csv', '--b', 'b.csv', '--out', 'o.csv'], io)).toBe(0);
    const summary = JSON.parse(io.out) as Summary;
    expect(summary.coint).toEqual({ statistic: null, pvalue: 0 });
    expect(summary.ols.beta).toBeCloseTo(2, 10);
    expect(summary.adf).toEqual({
      statistic: null,
      pvalue: null,
      usedlag: null,
      critical: { '1%': null, '5%': null, '10%': null },
    });
    expect(summary.halfLifeBars).toBeNull();
  });

  it('rejects bad flags with UsageError', async () => {
    const io = memoryIo({});
    for (const argv of [
      ['--a', 'a.csv'],
      ['--a', 'a.csv', '--b', 'b.csv', '--window', '1'],
      ['--a', 'a.csv', '--b', 'b.csv', '--window', '2.5'],
      ['--a', 'a.csv', '--b', 'b.csv', '--zscore', '3'],
      ['--a', 'a.csv', '--b', 'b.csv', 'extra'],
    ]) {
      await expect(pairCommand.run(argv, io)).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('documents the contract in its help', () => {
    expect(pairCommand.name).toBe('pair');
    expect(pairCommand.help).toContain('npm run --silent cli -- pair --a FILE --b FILE [--window N] [--out FILE]');
    expect(pairCommand.help).toContain(PAIR_CSV_HEADER);
    expect(pairCommand.help).toContain('"halfLifeBars"');
    expect(PAIR_CSV_HEADER).toBe(
      'open_time_ms,a_close,b_close,ols_beta,ols_alpha,kalman_beta,kalman_alpha,spread,zscore,correlation',
    );
  });
});
