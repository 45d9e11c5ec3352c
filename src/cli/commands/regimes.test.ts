import { describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';
import { regimeCandlesCsv } from './signals-test-candles';

async function cli(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files, 4096);
  const code = await runCli(argv, io);
  return { code, ...out, written };
}

describe('regimes command', () => {
  const csv = regimeCandlesCsv(1200);

  it('prints causal filtered probabilities per bar and the fit as JSON on stderr', async () => {
    const run = await cli(['regimes', '--candles', 'c.csv', '--states', '2', '--seed', '4'], { 'c.csv': csv });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('open_time_ms,state,p0,p1');
    expect(lines.length).toBe(1201);
    expect(lines[1]).toMatch(/^1700000000000,,,$/);
    const rows = lines.slice(21).map((l) => l.split(',').map(Number));
    for (const [, state, p0, p1] of rows) {
      expect(Math.abs(p0! + p1! - 1)).toBeLessThan(1e-12);
      expect(state).toBe(p1! > p0! ? 1 : 0);
    }
    const summary = JSON.parse(run.stderr) as {
      means: number[][];
      variances: number[][];
      transition: number[][];
      loglik: number;
    };
    // State 0 is the calm regime: lower mean log volatility and lower return variance.
    expect(summary.means[0]![1]!).toBeLessThan(summary.means[1]![1]!);
    expect(summary.variances[0]![0]!).toBeLessThan(summary.variances[1]![0]!);
    expect(summary.transition[0]![0]!).toBeGreaterThan(0.9);
    expect(Number.isFinite(summary.loglik)).toBe(true);
    // The turbulent half of the series (bars 300..599 and 900..1199) is mostly state 1.
    const turbulent = rows.filter((_, i) => Math.floor((i + 20) / 300) % 2 === 1);
    expect(turbulent.filter((r) => r[1] === 1).length / turbulent.length).toBeGreaterThan(0.8);
  });

  it('is deterministic for a seed and writes the JSON to stdout with --out', async () => {
    const a = await cli(['regimes', '--candles', 'c.csv', '--states', '3', '--out', 'r.csv'], { 'c.csv': csv });
    const b = await cli(['regimes', '--candles', 'c.csv', '--states', '3', '--out', 'r.csv'], { 'c.csv': csv });
    expect(a.code).toBe(0);
    expect(a.written.get('r.csv')).toBe(b.written.get('r.csv'));
    expect(a.written.get('r.csv')!.split('\n')[0]).toBe('open_time_ms,state,p0,p1,p2');
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(a.stderr).toBe('');
  });

  it('bad input: names the file and line, exits 1, writes nothing', async () => {
    const bad = csv.replace(/\n(1700000300000,[^\n]*)/, '\n1700000300000,100,99,101,100,1,1,1,0,1');
    const run = await cli(['regimes', '--candles', 'c.csv', '--states', '2', '--out', 'r.csv'], { 'c.csv': bad });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/c\.csv.*line 7/);
    expect(run.written.size).toBe(0);
    const few = await cli(['regimes', '--candles', 'c.csv', '--states', '2'], { 'c.csv': regimeCandlesCsv(30) });
    expect(few.code).toBe(1);
    expect(few.stdout).toBe('');
    expect(await cli(['regimes', '--candles', 'c.csv'], { 'c.csv': csv })).toMatchObject({ code: 2 });
    expect(await cli(['regimes', '--candles', 'c.csv', '--states', 'x'], { 'c.csv': csv })).toMatchObject({ code: 2 });
  });
});
