import { describe, expect, it } from 'vitest';
import { canonical, naiveCandles } from '../../../test/reference/naive-candles';
import { DemoMarket } from '../../core/demo/demo-market';
import { memoryIo as sharedMemoryIo } from '../memory-io';
import { runCli } from '../run-cli';

function memoryIo(files: Record<string, string>) {
  const { io, out, written } = sharedMemoryIo(files);
  const view = Object.defineProperty(out, 'written', { get: () => Object.fromEntries(written) });
  return { io, out: view as typeof out & { readonly written: Record<string, string> } };
}

/** A tape in Binance's public-data trades layout; µs times as Binance publishes since 2025. */
function binanceFile(micro: boolean) {
  const { trades } = new DemoMarket(11, Date.UTC(2025, 2, 1, 23, 55)).advance(Date.UTC(2025, 2, 2, 0, 10));
  const btc = trades.filter((t) => t.symbol === 'BTCUSDT');
  const csv = btc
    .map((t) => {
      const time = micro ? t.timeMs * 1000 + (t.id! % 1000) : t.timeMs;
      const quote = (Number(t.price) * Number(t.size)).toFixed(8);
      return `${t.id},${t.price}000,${t.size},${quote},${time},${t.side === 'sell' ? 'True' : 'False'},True`;
    })
    .join('\n');
  return { btc, csv: `${csv}\n` };
}

describe('cli candles', () => {
  it.each([true, false])('equals an independent aggregation exactly (µs times: %s)', async (micro) => {
    const { btc, csv } = binanceFile(micro);
    const { io, out } = memoryIo({ 'trades.csv': csv });
    const code = await runCli(['candles', '--trades', 'trades.csv', '--timeframe', '1m', '--out', 'c.csv'], io);
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    const rows = (out.written['c.csv'] ?? '').trim().split('\n');
    expect(rows[0]).toBe('open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades');
    const expected = naiveCandles(btc, 60_000).map((c) =>
      [
        c.openTimeMs,
        c.open,
        c.high,
        c.low,
        c.close,
        c.volume,
        c.quoteVolume,
        c.buyVolume,
        c.sellVolume,
        c.trades,
      ].join(),
    );
    const got = rows.slice(1).map((row) => {
      const cells = row.split(',');
      // Prices keep the input's text ("67000.1000"); compare them canonically.
      return [cells[0], ...cells.slice(1, 5).map(canonical), ...cells.slice(5)].join();
    });
    expect(got.length).toBe(15);
    expect(got).toEqual(expected);
  });

  it('prints prices with the input precision', async () => {
    const { io, out } = memoryIo({ 't.csv': '1,61837.63000000,0.02000000,1236.7526,1723161255342,true,true\n' });
    expect(await runCli(['candles', '--trades', 't.csv', '--timeframe', '1m'], io)).toBe(0);
    expect(out.stdout.split('\n')[1]).toBe(
      '1723161240000,61837.63000000,61837.63000000,61837.63000000,61837.63000000,0.02,1236.7526,0,0.02,1',
    );
  });

  it.each([
    ['1,61837.63,0.02,1.2,1723161255342,true,true\n2,abc,0.02,1.2,1723161255342,true,true\n', 'line 2: bad price'],
    ['1,61837.63,0,0,1723161255342,true,true\n', 'line 1: bad quantity'],
    ['1,61837.63,0.1,1,1723161255342,maybe,true\n', 'line 1: bad is_buyer_maker'],
    ['1,61837.63,0.1,1,1723161255342,true\n', 'line 1: expected 7 columns'],
    ['1,-5,0.1,1,1723161255342,true,true\n', 'line 1: bad price'],
    ['1,5,0.1,1,1.72316e+15,true,true\n', 'line 1: bad time'],
  ])('rejects a bad row with its line number and writes nothing', async (csv, message) => {
    const { io, out } = memoryIo({ 'bad.csv': csv });
    const code = await runCli(['candles', '--trades', 'bad.csv', '--timeframe', '1m', '--out', 'o.csv'], io);
    expect(code).toBe(1);
    expect(out.stderr).toContain(message);
    expect(out.written).toEqual({});
  });

  it('reads NDJSON trades (the normalize output) and rolls klines up', async () => {
    const { btc } = binanceFile(false);
    const ndjson = btc
      .map((t) =>
        JSON.stringify({
          type: 'trade',
          venue: t.venue,
          symbol: t.symbol,
          id: t.id,
          timeMs: t.timeMs,
          price: t.price,
          size: t.size,
          side: t.side,
        }),
      )
      .join('\n');
    const t0 = Date.UTC(2023, 2, 17, 0, 0);
    const klines = Array.from({ length: 10 }, (_, i) => {
      const open = (t0 + i * 60_000) * 1000; // µs, as Binance publishes since 2025
      return `${open},100.1,101.2,99.9,${(100.5 + i * 0.05).toFixed(2)},1.25,${open + 59_999_999},125.5,3,0.25,25.1,0`;
    }).join('\n');
    const { io, out } = memoryIo({ 't.ndjson': `${ndjson}\n{"type":"quote","bid":"1"}\n`, 'k.csv': klines });
    expect(
      await runCli(
        ['candles', '--trades', 't.ndjson', '--format', 'ndjson', '--timeframe', '1h', '--out', 'n.csv'],
        io,
      ),
    ).toBe(0);
    const hourly = naiveCandles(btc, 3_600_000).map((c) => `${c.openTimeMs},${c.volume},${c.trades}`);
    expect(
      (out.written['n.csv'] ?? '')
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split(','))
        .map((c) => `${c[0]},${c[5]},${c[9]}`),
    ).toEqual(hourly);
    expect(await runCli(['candles', '--trades', 'k.csv', '--format', 'binance-klines', '--timeframe', '5m'], io)).toBe(
      0,
    );
    expect(out.stdout.trim().split('\n').slice(1)).toEqual([
      `${t0},100.1,101.2,99.9,100.70,6.25,627.5,1.25,5,15`,
      `${t0 + 300_000},100.1,101.2,99.9,100.95,6.25,627.5,1.25,5,15`,
    ]);
    expect(await runCli(['candles', '--trades', 'k.csv', '--format', 'binance-klines', '--timeframe', '15s'], io)).toBe(
      2,
    );
  });

  it('has --help and refuses unknown flags', async () => {
    const { io, out } = memoryIo({});
    expect(await runCli(['candles', '--help'], io)).toBe(0);
    expect(out.stdout).toContain('open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades');
    expect(await runCli(['candles', '--trades', 'x', '--timeframe', '2m'], io)).toBe(2);
    expect(await runCli(['candles', '--bogus'], io)).toBe(2);
  });
});
