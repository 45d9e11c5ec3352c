import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../command';
import { memoryIo as sharedMemoryIo } from '../memory-io';
import { normalizeCommand } from './normalize';

const fixture = (venue: string, name: string) =>
  readFileSync(new URL(`../../../test/fixtures/wire/${venue}/${name}.ndjson`, import.meta.url), 'utf8');

function memoryIo(files: Record<string, string>) {
  const { io, out } = sharedMemoryIo(files);
  return { io, out };
}

async function normalize(args: string[], files: Record<string, string>) {
  const { io, out } = memoryIo(files);
  const code = await normalizeCommand.run(args, io);
  const lines = out.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, stderr: out.stderr, stdout: out.stdout };
}

describe('cli normalize', () => {
  it('prints normalised trades and quotes as NDJSON with a summary on stderr', async () => {
    const { code, lines, stderr } = await normalize(
      ['--venue', 'kraken', '--in', 'k.ndjson', '--now', '1700000000000'],
      {
        'k.ndjson': fixture('kraken', 'feed'),
      },
    );
    expect(code).toBe(0);
    expect(lines[0]).toEqual({
      type: 'trade',
      venue: 'kraken',
      symbol: 'MATIC/USD',
      id: 4665846,
      timeMs: Date.UTC(2023, 8, 25, 7, 48, 36, 925),
      price: '0.5147',
      size: '6423.46326',
      side: 'buy',
    });
    expect(lines.map((l) => l['type'])).toEqual(['trade', 'trade', 'trade', 'trade', 'quote']);
    expect(lines[3]).toMatchObject({ size: '0.00000015', side: 'sell' });
    expect(lines[4]).toEqual({
      type: 'quote',
      venue: 'kraken',
      symbol: 'ALGO/USD',
      timeMs: Date.UTC(2023, 8, 25, 9, 4, 31, 742),
      bid: '0.10025',
      bidSize: '740',
      ask: '0.10036',
      askSize: '1361.44813783',
    });
    expect(stderr).toContain('normalize kraken: 10 frames, 4 trades, 1 quotes, 5 controls, 2 rejected');
    expect(stderr).toMatch(/unknown-type\s+1\s+line 9: channel "book"/);
    expect(stderr).toMatch(/not-json\s+1\s+line 10:/);
    expect(stderr).toContain('controls: status 1, ack 1, heartbeat 1, pong 1, error 1');
    expect(stderr).toContain('line 8: error: Currency pair not supported XBT/USD (XBT/USD)');
    expect(stderr).toContain('gaps: 0 open, 0 found, 0 closed by late trades');
  });

  it('dedupes, marks late trades and reports gaps closed by a reconnect snapshot', async () => {
    const { lines, stderr } = await normalize(['--venue', 'kraken', '--in', 'i.ndjson'], {
      'i.ndjson': fixture('kraken', 'integrity'),
    });
    expect(lines.map((l) => [l['id'], l['late'] ?? false])).toEqual([
      [4665846, false],
      [4665847, false],
      [4665850, false],
      [4665848, true],
      [4665849, true],
    ]);
    expect(stderr).toMatch(/duplicate\s+2\s+line 3: MATIC\/USD id 4665847/);
    expect(stderr).toContain('gaps: 0 open, 1 found, 1 closed by late trades');
  });

  it('lists open gaps per instrument with inclusive id ranges (heartbeat last_trade_id too)', async () => {
    const { stderr } = await normalize(['--venue', 'coinbase', '--in', 'c.ndjson'], {
      'c.ndjson': fixture('coinbase', 'integrity'),
    });
    expect(stderr).toContain('gaps: 2 open, 1 found, 0 closed by late trades');
    expect(stderr).toContain(
      '  BTC-USD 11-11 (1 missing) between 2014-11-07T08:19:27.028Z and 2014-11-07T08:19:28.100Z',
    );
    expect(stderr).toContain(
      '  BTC-USD 13-13 (1 missing) between 2014-11-07T08:19:28.100Z and 2014-11-07T08:19:28.464Z',
    );
  });

  it('accepts OKX text pong lines, CRLF and blank lines; sizes SWAP trades with --ct-val', async () => {
    const frames = `${fixture('okx', 'feed').replace(/\n/g, '\r\n')}\n\n`;
    const plain = await normalize(['--venue', 'okx', '--in', 'o.ndjson'], { 'o.ndjson': frames });
    expect(plain.stderr).toContain('normalize okx: 10 frames, 3 trades, 1 quotes, 4 controls, 3 rejected');
    expect(plain.stderr).toMatch(/bad-size\s+1\s+line 6: BTC-USDT-SWAP: contract value unknown/);
    expect(plain.stderr).toContain('line 8: reconnect requested: 64008');
    expect(plain.lines[0]).toMatchObject({ id: 130639474, firstId: 130639472 });
    const sized = await normalize(['--venue', 'okx', '--in', 'o.ndjson', '--ct-val', 'BTC-USDT-SWAP=0.01'], {
      'o.ndjson': frames,
    });
    expect(sized.lines.find((l) => l['symbol'] === 'BTC-USDT-SWAP')).toMatchObject({ size: '0.12', side: 'sell' });
  });

  it('stamps time-less quotes with --now for reproducible output', async () => {
    const { lines, stderr } = await normalize(
      ['--venue', 'binance-spot', '--in', 'b.ndjson', '--now', '1767225600000'],
      {
        'b.ndjson': fixture('binance-spot', 'feed'),
      },
    );
    expect(lines.find((l) => l['type'] === 'quote')).toMatchObject({ symbol: 'BNBUSDT', timeMs: 1767225600000 });
    expect(stderr).toContain('reconnect requested: serverShutdown');
  });

  it('validates quotes and trades with the same rules as the app', async () => {
    const now = 1_700_000_000_000;
    const book = (s: string, b: string, a: string, t: number) =>
      JSON.stringify({ e: 'bookTicker', u: 1, E: t, T: t, s, b, B: '1', a, A: '1' });
    const trade = (s: string, id: number) =>
      JSON.stringify({ e: 'aggTrade', E: now, s, a: id, p: '1', q: '1', f: 1, l: 1, T: now, m: true });
    const { lines, stderr } = await normalize(['--venue', 'binance-usdm', '--in', 'f', '--now', String(now)], {
      f: [
        book('BTCUSDT', '101', '100', now),
        book('BTCUSDT', '100', '101', 0),
        book('BTCUSDT', '0x10', '101', now),
        book('X'.repeat(100), '100', '101', now),
        book('BTCUSDT', '100', '101', now),
        trade('BTCUSDT', -1),
        trade('__proto__', 5),
        trade('BTCUSDT', 6),
      ].join('\n'),
    });
    expect(lines.map((l) => `${String(l['type'])} ${String(l['symbol'])}`)).toEqual(['quote BTCUSDT', 'trade BTCUSDT']);
    expect(stderr).toContain('normalize binance-usdm: 8 frames, 1 trades, 1 quotes, 0 controls, 6 rejected');
    for (const reason of ['crossed-quote', 'bad-time', 'bad-price', 'bad-symbol', 'bad-id'])
      expect(stderr).toContain(reason);
  });

  it('--raw prints parser output without dedupe or gap checks', async () => {
    const { lines, stderr } = await normalize(['--venue', 'binance-spot', '--in', 'b.ndjson', '--raw'], {
      'b.ndjson': fixture('binance-spot', 'integrity'),
    });
    expect(lines.map((l) => l['id'])).toEqual([12345, 12347, 12347, 12346, 12348]);
    expect(stderr).not.toContain('gaps:');
  });

  it('says why gaps are not checked for venues without consecutive ids', async () => {
    const bitstamp = await normalize(['--venue', 'bitstamp', '--in', 'f'], { f: fixture('bitstamp', 'feed') });
    expect(bitstamp.stderr).toContain('gaps: not checked (bitstamp trade ids are not consecutive)');
    const finnhub = await normalize(['--venue', 'finnhub', '--in', 'f'], { f: fixture('finnhub', 'feed') });
    expect(finnhub.stderr).toContain('gaps: not checked (finnhub trade ids are absent)');
    expect(finnhub.stderr).toContain('error: Invalid API key [auth]');
    expect(finnhub.lines.every((l) => l['side'] === 'unknown' && !('id' in l))).toBe(true);
  });

  it('never prints a token that shows up in a frame', async () => {
    const { stderr } = await normalize(['--venue', 'finnhub', '--in', 'f'], {
      f: '{"type":"error","msg":"bad key for wss://ws.finnhub.io?token=SEKRET"}\nwss://ws.finnhub.io?token=SEKRET\n',
    });
    expect(stderr).not.toContain('SEKRET');
    expect(stderr).toContain('token=***');
  });

  it('refuses an empty file with a message naming it, printing nothing', async () => {
    const { io, out } = memoryIo({ e: '', blank: '\n \r\n' });
    for (const path of ['e', 'blank']) {
      await expect(normalizeCommand.run(['--venue', 'bybit-spot', '--in', path], io)).rejects.toThrow(
        new InputError(`${path}: no frames in file`),
      );
    }
    expect(out.stdout).toBe('');
  });

  it('refuses bad flags and unreadable files', async () => {
    const { io } = memoryIo({ f: '' });
    await expect(normalizeCommand.run(['--venue', 'nasdaq', '--in', 'f'], io)).rejects.toThrow(UsageError);
    await expect(normalizeCommand.run(['--venue', 'demo', '--in', 'f'], io)).rejects.toThrow(/one of binance-spot/);
    await expect(normalizeCommand.run(['--in', 'f'], io)).rejects.toThrow(/--venue is required/);
    await expect(normalizeCommand.run(['--venue', 'okx'], io)).rejects.toThrow(/--in is required/);
    await expect(normalizeCommand.run(['--venue', 'okx', '--in', 'f', '--now', 'soon'], io)).rejects.toThrow(
      UsageError,
    );
    await expect(normalizeCommand.run(['--venue', 'okx', '--in', 'f', '--ct-val', 'X'], io)).rejects.toThrow(
      UsageError,
    );
    await expect(normalizeCommand.run(['--venue', 'kraken', '--in', 'f', '--ct-val', 'X=1'], io)).rejects.toThrow(
      /okx only/,
    );
    await expect(normalizeCommand.run(['--venue', 'okx', '--in', 'missing'], io)).rejects.toThrow(InputError);
  });

  it('documents every venue and the output layout in --help', () => {
    expect(normalizeCommand.name).toBe('normalize');
    for (const venue of [
      'binance-spot',
      'binance-usdm',
      'coinbase',
      'kraken',
      'bybit-spot',
      'bybit-linear',
      'okx',
      'bitstamp',
      'finnhub',
    ]) {
      expect(normalizeCommand.help).toContain(venue);
    }
    expect(normalizeCommand.help).toContain('npm run --silent cli -- normalize --venue VENUE --in FRAMES.ndjson');
    expect(normalizeCommand.help).toContain('{"type":"trade"');
    expect(normalizeCommand.help).toContain('{"type":"quote"');
    expect(normalizeCommand.help).toContain('stderr');
  });
});
