/**
 * `npm run bench:cli`: the CLI's streaming on real-size input, on demand (not in CI). Generates a
 * Binance-layout trades file (default 2 GB) and a websocket-frames file of the same size in a
 * temporary directory, one at a time, and reports throughput and peak RSS of `candles` and
 * `normalize` next to baselines on the same file: `wc -l` and a bare Node line-count stream.
 * Peak RSS comes from `/usr/bin/time -v` (the largest process of the run). Files are deleted.
 * Usage: npm run bench:cli [-- --gb 2]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const gbAt = process.argv.indexOf('--gb');
const targetBytes = Math.round((gbAt >= 0 ? Number(process.argv[gbAt + 1]) : 2) * 1e9);
const T0 = Date.UTC(2025, 2, 2);

/** Writes lines from `line(i)` until the file reaches `bytes`, with backpressure; returns the line count. */
async function generate(path: string, bytes: number, line: (i: number) => string): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let i = 0;
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 10_000; k++) chunk += `${line(i++)}\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return i;
}

const tradeRow = (i: number) =>
  `${i + 1},${(60000 + (i % 5000) / 100).toFixed(2)},0.00${(i % 900) + 100},${(6 + (i % 7) / 10).toFixed(8)},${(T0 + Math.floor(i / 4)) * 1000 + (i % 1000)},${i % 3 === 0 ? 'True' : 'False'},True`;
const frameRow = (i: number) =>
  `{"e":"trade","E":${T0 + Math.floor(i / 4) + 1},"s":"BTCUSDT","t":${i + 1},"p":"${(60000 + (i % 5000) / 100).toFixed(2)}","q":"0.00${(i % 900) + 100}","T":${T0 + Math.floor(i / 4)},"m":${i % 3 === 0},"M":true}`;

interface Run {
  readonly name: string;
  readonly seconds: number;
  /** User + system CPU seconds: on a shared machine wall time mostly measures the other jobs. */
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
}

/** Runs a command under `/usr/bin/time -v`; returns wall seconds and peak RSS. */
function timed(name: string, command: string, args: string[]): Run {
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  if (rss === null || wall === null) throw new Error(`cannot read /usr/bin/time output for ${name}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const cpu = (label: string) =>
    Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? 0);
  return { name, seconds, cpuSeconds: cpu('User') + cpu('System'), maxRssMb: Number(rss[1]) / 1024 };
}

const LINE_COUNT = `let n=0;const s=require('fs').createReadStream(process.argv[1],{highWaterMark:1<<20});s.on('data',b=>{for(let i=b.indexOf(10);i>=0;i=b.indexOf(10,i+1))n++});s.on('end',()=>console.log(n))`;
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = join(process.cwd(), 'src/cli/main.ts');

function report(file: string, bytes: number, rows: number, runs: Run[]): void {
  process.stdout.write(`\n${file}: ${(bytes / 1e9).toFixed(2)} GB, ${rows.toLocaleString('en')} lines\n`);
  process.stdout.write('run                     seconds    MB/s      rows/s   CPU s  MB/CPU s   peak RSS MB\n');
  for (const r of runs) {
    const mbps = bytes / 1e6 / r.seconds;
    process.stdout.write(
      `${r.name.padEnd(22)} ${r.seconds.toFixed(1).padStart(8)} ${mbps.toFixed(1).padStart(7)} ${Math.round(
        rows / r.seconds,
      )
        .toLocaleString('en')
        .padStart(
          11,
        )} ${r.cpuSeconds.toFixed(1).padStart(7)} ${(bytes / 1e6 / r.cpuSeconds).toFixed(1).padStart(9)} ${r.maxRssMb
        .toFixed(0)
        .padStart(13)}\n`,
    );
  }
}

const dir = await mkdtemp(join(tmpdir(), 'tapewatch-bench-cli-'));
try {
  const trades = join(dir, 'BTCUSDT-trades.csv');
  process.stderr.write(`generating ${(targetBytes / 1e9).toFixed(2)} GB of trades in ${dir}…\n`);
  const tradeRows = await generate(trades, targetBytes, tradeRow);
  const tradeBytes = (await stat(trades)).size;
  report('Binance trades', tradeBytes, tradeRows, [
    timed('wc -l', 'wc', ['-l', trades]),
    timed('node line count', process.execPath, ['-e', LINE_COUNT, trades]),
    timed('candles --timeframe 1m', tsx, [
      cli,
      'candles',
      '--trades',
      trades,
      '--timeframe',
      '1m',
      '--out',
      join(dir, 'c.csv'),
    ]),
  ]);
  await rm(trades);
  const frames = join(dir, 'frames.ndjson');
  process.stderr.write('generating the same size of websocket frames…\n');
  const frameRows = await generate(frames, targetBytes, frameRow);
  const frameBytes = (await stat(frames)).size;
  report('binance-spot frames', frameBytes, frameRows, [
    timed('wc -l', 'wc', ['-l', frames]),
    timed('node line count', process.execPath, ['-e', LINE_COUNT, frames]),
    timed('normalize', tsx, [
      cli,
      'normalize',
      '--venue',
      'binance-spot',
      '--in',
      frames,
      '--now',
      String(T0 + 86_400_000),
      '--out',
      '/dev/null',
    ]),
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
