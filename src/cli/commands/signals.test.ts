import { describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';
import { regimeCandlesCsv } from './signals-test-candles';

async function cli(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files, 4096);
  const code = await runCli(argv, io);
  return { code, ...out, written };
}

describe('signals and backtest commands', () => {
  const csv = regimeCandlesCsv(6000, 9);

  it('signals: one walk-forward row per bar in the contract layout', async () => {
    const run = await cli(['signals', '--candles', 'c.csv', '--cost-bps', '0', '--out', 's.csv'], { 'c.csv': csv });
    expect(run.code).toBe(0);
    const lines = run.written.get('s.csv')!.trim().split('\n');
    expect(lines[0]).toBe('open_time_ms,action,confidence,entry,stop,target,risk_reward,kelly');
    expect(lines).toHaveLength(6001);
    for (const line of lines.slice(1)) {
      const [, action, confidence, entry, stop, target, rr, kelly] = line.split(',');
      expect(['BUY', 'SELL', 'HOLD']).toContain(action);
      expect(Number(confidence)).toBeGreaterThanOrEqual(0);
      expect(Number(confidence)).toBeLessThanOrEqual(1);
      if (action === 'BUY') expect(Number(stop) < Number(entry) && Number(target) > Number(entry)).toBe(true);
      if (action === 'SELL') expect(Number(stop) > Number(entry) && Number(target) < Number(entry)).toBe(true);
      if (action === 'HOLD') expect(Number(kelly)).toBe(0);
      else expect(Number(rr)).toBe(1.5);
    }
    const summary = JSON.parse(run.stderr) as {
      bars: number;
      inputs: string[];
      buy: number;
      sell: number;
      hold: number;
    };
    expect(summary.bars).toBe(6000);
    expect(summary.buy + summary.sell + summary.hold).toBe(6000);
    expect(summary.inputs).toEqual(['trend', 'rsi', 'regime']);
    // The same flags on the first 5500 bars give the same first 5500 rows: walk-forward.
    const prefix = csv.split('\n').slice(0, 5501).join('\n');
    const short = await cli(['signals', '--candles', 'c.csv', '--cost-bps', '0'], { 'c.csv': prefix });
    expect(short.stdout.trim().split('\n')).toEqual(lines.slice(0, 5501));
  });

  it('signals --forecast arima: the forecaster is one more input, fitted on the same first bars', async () => {
    const run = await cli(['signals', '--candles', 'c.csv', '--forecast', 'arima'], { 'c.csv': csv });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stderr) as { inputs: string[] }).inputs).toEqual([
      'trend',
      'rsi',
      'regime',
      'forecast:arima',
    ]);
    expect((await cli(['signals', '--candles', 'c.csv', '--forecast', 'x'], { 'c.csv': csv })).code).toBe(2);
  });

  it('backtest: the report on the same signals, with the baselines', async () => {
    const run = await cli(
      ['backtest', '--candles', 'c.csv', '--cost-bps', '0', '--fee-bps', '1', '--slippage-bps', '0'],
      {
        'c.csv': csv,
      },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      signals: { buy: number; sell: number };
      strategy: { trades: number; max_drawdown: number; judged_signals: number };
      random: { runs: number; trades_mean: number };
      reliability: { n: number }[];
      fee_bps: number;
    };
    expect(report.fee_bps).toBe(1);
    expect(report.random.runs).toBe(20);
    expect(report.strategy.trades).toBeGreaterThan(0);
    expect(report.random.trades_mean).toBeGreaterThan(0);
    expect(report.strategy.max_drawdown).toBeGreaterThanOrEqual(0);
    expect(report.reliability.reduce((s, b) => s + b.n, 0)).toBe(report.strategy.judged_signals);
  });

  it('bad input and bad flags: exit non-zero, nothing written', async () => {
    const bad = csv.replace(/\n1700000600000,[^\n]*/, '\n1700000600000,100,101,99,abc,1,1,1,0,1');
    for (const command of ['signals', 'backtest']) {
      const run = await cli([command, '--candles', 'c.csv', '--out', 'o'], { 'c.csv': bad });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/c\.csv.*line 12/);
      expect(run.written.size).toBe(0);
      expect((await cli([command, '--candles', 'c.csv', '--horizon', '0'], { 'c.csv': csv })).code).toBe(2);
      expect((await cli([command], {})).code).toBe(2);
    }
    expect((await cli(['backtest', '--candles', 'c.csv', '--fee-bps', '-1'], { 'c.csv': csv })).code).toBe(2);
  });
});
