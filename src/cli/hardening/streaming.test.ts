import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';

const T0 = Date.UTC(2025, 2, 2);
const frame = (id: number) =>
  `{"e":"trade","E":${T0 + id},"s":"BTCUSDT","t":${id},"p":"100.5","q":"0.5","T":${T0 + id},"m":false,"M":true}`;

describe('commands stream their input and output', () => {
  it('normalize writes output while the input is still being read', async () => {
    const base = memoryIo({});
    const outputAtPull: number[] = [];
    const io: CliIo = {
      ...base.io,
      async *readChunks() {
        for (let c = 0; c < 200; c++) {
          outputAtPull.push(base.out.stdout.length);
          yield `${Array.from({ length: 100 }, (_, i) => frame(1 + c * 100 + i)).join('\n')}\n`;
        }
      },
    };
    const code = await runCli(['normalize', '--venue', 'binance-spot', '--in', 'f', '--now', String(T0 + 60_000)], io);
    expect(code).toBe(0);
    expect(base.out.stderr).toContain('20000 frames, 20000 trades');
    const total = base.out.stdout.length;
    // Half-way through the input, a good part of the output is out already: nothing waits for the end.
    expect(outputAtPull[100]).toBeGreaterThan(total * 0.4);
    expect(outputAtPull[199]).toBeGreaterThan(total * 0.9);
  });

  it('a line longer than 1 MiB is refused instead of growing without bound', async () => {
    const base = memoryIo({});
    const io: CliIo = {
      ...base.io,
      async *readChunks() {
        for (let i = 0; i < 40; i++) yield 'x'.repeat(1 << 16);
      },
    };
    expect(await runCli(['candles', '--trades', 'long.csv', '--timeframe', '1m'], io)).toBe(1);
    expect(base.out.stderr).toMatch(/long\.csv: line 1: line longer than 1048576 characters/);
  });
});
