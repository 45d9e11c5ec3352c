import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { binanceTrades, runNode, tempFiles } from './run-node';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

function setup() {
  const files = tempFiles({ 't.csv': `${binanceTrades(10).join('\n')}\n`, 'target.csv': 'old\n' });
  cleanup = files.cleanup;
  return files;
}

describe('--out writes where the path points, never replacing links, devices or pipes', () => {
  it('a symlink keeps being a link; its target gets the output', async () => {
    const files = setup();
    symlinkSync(files.path('target.csv'), files.path('link.csv'));
    const run = await runNode([
      'candles',
      '--trades',
      files.path('t.csv'),
      '--timeframe',
      '1m',
      '--out',
      files.path('link.csv'),
    ]);
    expect(run.code).toBe(0);
    expect(lstatSync(files.path('link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(files.path('link.csv'))).toBe(files.path('target.csv'));
    expect(readFileSync(files.path('target.csv'), 'utf8').split('\n')[0]).toBe(HEADER);
  });

  it('a FIFO is written through and stays a FIFO', async () => {
    const files = setup();
    execFileSync('mkfifo', [files.path('pipe')]);
    const reader = createReadStream(files.path('pipe'), { encoding: 'utf8' });
    let received = '';
    reader.on('data', (chunk) => (received += chunk));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    const run = await runNode([
      'candles',
      '--trades',
      files.path('t.csv'),
      '--timeframe',
      '1m',
      '--out',
      files.path('pipe'),
    ]);
    await ended;
    expect(run.code).toBe(0);
    expect(statSync(files.path('pipe')).isFIFO()).toBe(true);
    expect(received.split('\n')[0]).toBe(HEADER);
  });

  it('--out - is stdout', async () => {
    const files = setup();
    const run = await runNode(['candles', '--trades', files.path('t.csv'), '--timeframe', '1m', '--out', '-']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(HEADER);
  });

  it('a failure names the --out path, not a temporary file, and leaves an existing file as it was', async () => {
    const files = setup();
    const missingDir = files.path('no-such-dir/out.csv');
    const run = await runNode(['candles', '--trades', files.path('t.csv'), '--timeframe', '1m', '--out', missingDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(missingDir);
    expect(run.stderr).not.toMatch(/\.tmp/);
    const bad = await runNode([
      'candles',
      '--trades',
      files.path('target.csv'),
      '--timeframe',
      '1m',
      '--out',
      files.path('target.csv'),
    ]);
    expect(bad.code).toBe(1);
    expect(readFileSync(files.path('target.csv'), 'utf8')).toBe('old\n');
  });
});
