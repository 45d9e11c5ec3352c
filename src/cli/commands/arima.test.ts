import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';

/** Series and statsmodels fits written by test/reference/arima-statsmodels.py. */
const FIXTURES = new URL('../../../test/fixtures/forecast/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('arima-statsmodels.json', FIXTURES), 'utf8')) as {
  fits: { series: string; order: number[]; params: Record<string, number>; loglik: number; aic: number }[];
};
const rows = readFileSync(new URL('arima-series.csv', FIXTURES), 'utf8').trim().split('\n').slice(1);
const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

/** A candles CSV whose closes are one fixture column, written with the same 17-digit text. */
function candlesCsv(column: 1 | 2): string {
  const closes = rows.map((r) => r.split(',')[column] as string);
  const lines = closes.map((close, i) => {
    const c = Number(close);
    const open = i === 0 ? c : Number(closes[i - 1]);
    const high = Math.max(open, c) + 0.01;
    const low = Math.min(open, c) - 0.01;
    return [1_700_000_000_000 + i * 60_000, open, high, low, close, 1, c, 0.5, 0.5, 3].join(',');
  });
  return [HEADER, ...lines].join('\n');
}

async function cli(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, ...out, written };
}

describe('arima command', () => {
  for (const [order, column, series] of [
    ['1,1,1', 2, 'integrated'],
    ['1,0,0', 1, 'stationary'],
  ] as const) {
    it(`prints statsmodels' fit of ARIMA(${order}) on the closes`, async () => {
      const run = await cli(['arima', '--candles', 'c.csv', '--order', order], { 'c.csv': candlesCsv(column) });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const json = JSON.parse(run.stdout) as {
        order: number[];
        params: Record<string, number>;
        loglik: number;
        aic: number;
      };
      const expected = reference.fits.find((f) => f.series === series && f.order.join(',') === order);
      if (expected === undefined) throw new Error('fixture missing');
      expect(json.order).toEqual(expected.order);
      expect(Object.keys(json.params)).toEqual(Object.keys(expected.params));
      for (const [name, value] of Object.entries(expected.params)) {
        expect(Math.abs((json.params[name] as number) - value) / Math.abs(value), name).toBeLessThan(1e-3);
      }
      expect(Math.abs(json.loglik - expected.loglik) / Math.abs(expected.loglik)).toBeLessThan(1e-6);
      expect(Math.abs(json.aic - expected.aic) / Math.abs(expected.aic)).toBeLessThan(1e-6);
    });
  }

  it('writes --out only on success', async () => {
    const ok = await cli(['arima', '--candles', 'c.csv', '--order', '0,1,1', '--out', 'fit.json'], {
      'c.csv': candlesCsv(2),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(ok.written.get('fit.json') as string).order).toEqual([0, 1, 1]);
  });

  it('names the file and line of a bad row, exits 1 and writes nothing', async () => {
    const lines = candlesCsv(2).split('\n');
    lines[57] = lines[57]!.replace(/,[^,]+,1,/, ',oops,1,');
    const run = await cli(['arima', '--candles', 'bad.csv', '--order', '1,1,0', '--out', 'fit.json'], {
      'bad.csv': lines.join('\n'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv.*line 58/);
    expect(run.written.size).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('refuses too few bars (exit 1, naming the file) and bad flags (exit 2, naming the flag)', async () => {
    const short = [HEADER, ...candlesCsv(2).split('\n').slice(1, 6)].join('\n');
    const few = await cli(['arima', '--candles', 's.csv', '--order', '2,1,1'], { 's.csv': short });
    expect(few.code).toBe(1);
    expect(few.stderr).toMatch(/s\.csv: ARIMA\(2,1,1\) needs at least \d+ bars, the file has 5/);
    expect(few.stdout).toBe('');
    for (const order of ['1,1', '1,x,1', '1,3,0', '-1,0,0', '11,0,0']) {
      const bad = await cli(['arima', '--candles', 's.csv', '--order', order], { 's.csv': short });
      expect(bad.code, order).toBe(2);
      expect(bad.stderr).toMatch(/--order/);
    }
    const trend = await cli(['arima', '--candles', 's.csv', '--order', '1,0,0', '--trend', 'ct'], { 's.csv': short });
    expect(trend.code).toBe(2);
    expect(trend.stderr).toMatch(/--trend/);
    const missing = await cli(['arima', '--candles', 'nope.csv', '--order', '1,0,0'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });

  it('a constant series after differencing is an input error', async () => {
    const flat = [
      HEADER,
      ...Array.from({ length: 40 }, (_, i) => `${1_700_000_000_000 + i * 60_000},5,5,5,5,1,5,0.5,0.5,1`),
    ].join('\n');
    const run = await cli(['arima', '--candles', 'f.csv', '--order', '0,1,1'], { 'f.csv': flat });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/f\.csv: .*constant/);
  });

  it('has --help', async () => {
    const run = await cli(['arima', '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--order p,d,q/);
  });
});
