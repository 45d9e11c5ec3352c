import { describe, expect, it } from 'vitest';
import { ar1Returns, barsFromReturns } from '../../core/models/forecast/synthetic-bars';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';
import { FORECAST_CSV_HEADER } from './forecast';

const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

/** A seeded synthetic candles CSV (AR(1) log returns, φ = 0.3). */
function candlesCsv(n: number, seed = 3): string {
  const bars = barsFromReturns(
    ar1Returns(n, 0.3, () => 0.002, seed),
    () => 0.002,
    seed,
  );
  return [
    HEADER,
    ...bars.map((b) => [b.openTimeMs, b.open, b.high, b.low, b.close, 1, b.close, 0.5, 0.5, 3].join(',')),
  ].join('\n');
}

async function cli(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, ...out, written };
}

describe('forecast command', () => {
  it('writes one row per test bar, model and horizon, each forecast made before its target', async () => {
    const run = await cli(['forecast', '--candles', 'c.csv', '--horizon', '3', '--train-fraction', '0.6'], {
      'c.csv': candlesCsv(400),
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(FORECAST_CSV_HEADER);
    const rows = lines.slice(1).map((l) => l.split(','));
    // 160 test bars; horizon h rows start h − 1 bars into the test part; three models.
    expect(rows.length).toBe(3 * (160 + 159 + 158));
    for (const r of rows) {
      const [, , , close, pred, lo80, hi80, lo95, hi95, high, low, pUp] = r.map(Number) as number[];
      expect(r).toHaveLength(12);
      expect(['persistence', 'arima', 'tapewatch']).toContain(r[1]);
      expect(close).toBeGreaterThan(0);
      expect(lo95! <= lo80! && lo80! <= pred! && pred! <= hi80! && hi80! <= hi95!).toBe(true);
      expect(low! <= pred! && pred! <= high!).toBe(true);
      expect(pUp).toBeGreaterThanOrEqual(0);
      expect(pUp).toBeLessThanOrEqual(1);
    }
    // Persistence at horizon 1 predicts the previous bar's close.
    const persistence = rows.filter((r) => r[1] === 'persistence' && r[2] === '1');
    for (let i = 1; i < persistence.length; i++) expect(persistence[i]![4]).toBe(persistence[i - 1]![3]);
  });

  it('is deterministic for a seed and writes --out only on success', async () => {
    const files = { 'c.csv': candlesCsv(300) };
    const a = await cli(['forecast', '--candles', 'c.csv', '--model', 'arima', '--seed', '5', '--out', 'f.csv'], files);
    const b = await cli(['forecast', '--candles', 'c.csv', '--model', 'arima', '--seed', '5', '--out', 'f.csv'], files);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe('');
    expect(a.written.get('f.csv')).toBe(b.written.get('f.csv'));
    expect((a.written.get('f.csv') as string).split('\n')[1]).toMatch(/,arima,1,/);
  });

  it('names the file and line of a bad row, exits 1 and writes nothing', async () => {
    const lines = candlesCsv(300).split('\n');
    lines[120] = lines[120]!.replace(/^(\d+),[^,]+,/, '$1,abc,');
    for (const command of ['forecast', 'forecast-eval']) {
      const run = await cli([command, '--candles', 'bad.csv', '--out', 'x'], { 'bad.csv': lines.join('\n') });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/bad\.csv.*line 121/);
      expect(run.written.size).toBe(0);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses too few bars (exit 1, naming the file) and bad flags (exit 2, naming the flag)', async () => {
    const few = await cli(['forecast', '--candles', 's.csv'], { 's.csv': candlesCsv(50) });
    expect(few.code).toBe(1);
    expect(few.stderr).toMatch(/s\.csv: .*needs at least 100 training bars/);
    expect(few.stdout).toBe('');
    for (const [flag, value] of [
      ['--horizon', '11'],
      ['--horizon', '0'],
      ['--train-fraction', '1'],
      ['--train-fraction', 'x'],
      ['--model', 'lstm'],
      ['--seed', '-1'],
      ['--volatility', 'garch'],
    ] as const) {
      const bad = await cli(['forecast-eval', '--candles', 's.csv', flag, value], { 's.csv': candlesCsv(50) });
      expect(bad.code, `${flag} ${value}`).toBe(2);
      expect(bad.stderr).toContain(flag);
      expect(bad.written.size).toBe(0);
    }
    const missing = await cli(['forecast', '--candles', 'nope.csv'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });

  it('has --help', async () => {
    for (const command of ['forecast', 'forecast-eval']) {
      const run = await cli([command, '--help'], {});
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/--train-fraction/);
    }
  });
});

describe('forecast-eval command', () => {
  it('summarises the walk-forward per model as the documented JSON', async () => {
    const run = await cli(['forecast-eval', '--candles', 'c.csv', '--horizon', '2', '--out', 'r.json'], {
      'c.csv': candlesCsv(1000),
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.written.get('r.json') as string) as {
      bars: number;
      horizon: number;
      models: Record<string, Record<string, number> & { mase: number; brier_up: number; directional_accuracy: number }>;
    };
    expect(report.bars).toBe(299);
    expect(report.horizon).toBe(2);
    expect(Object.keys(report.models)).toEqual(['persistence', 'arima', 'tapewatch']);
    const keys = ['mae', 'rmse', 'mase', 'directional_accuracy', 'coverage80', 'coverage95', 'width80', 'width95'];
    for (const m of Object.values(report.models)) {
      expect(Object.keys(m)).toEqual([...keys, 'pinball80', 'pinball95', 'brier_up']);
      for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(report.models.persistence!.brier_up).toBe(0.25);
    expect(report.models.persistence!.directional_accuracy).toBe(0.5);
    // φ = 0.3 returns: ARIMA's point forecast is better than the random walk's.
    expect(report.models.arima!.mase).toBeLessThan(report.models.persistence!.mase);
  });
});
