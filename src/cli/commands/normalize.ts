import { parseArgs, single } from '../args';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { readLines, withOutput } from '../read-lines';
import { parseDecimal } from '../../core/decimal/decimal';
import type { ControlEvent, FrameSink, VenueProfile } from '../../core/exchange/adapter';
import { parseGuarded } from '../../core/exchange/guard-parse';
import { formatGap } from '../../core/exchange/integrity/gap';
import { TradeIntegrity } from '../../core/exchange/integrity/trade-integrity';
import { createOkxProfile } from '../../core/exchange/okx/adapter';
import type { OkxContract } from '../../core/exchange/okx/wire';
import { redactSecrets } from '../../core/exchange/redact';
import { isLiveVenue, LIVE_VENUES, VENUE_PROFILES } from '../../core/exchange/registry';
import type { RejectReason } from '../../core/exchange/reject';
import type { Quote, Trade } from '../../core/exchange/types';
import { validateQuote, validateTrade } from '../../core/exchange/validate';

const HELP = `Usage: npm run --silent cli -- normalize --venue VENUE --in FRAMES.ndjson [--now MS] [--ct-val INST=VALUE]... [--raw] [--out FILE]

Parses raw websocket frames with the same venue adapters the app's feed worker runs, and prints
the normalised trades and quotes.

Flags:
  --venue VENUE     one of: ${LIVE_VENUES.join(', ')} (required)
  --in FILE         frames, one text frame per line exactly as the venue sent it (required);
                    blank lines are skipped, non-JSON lines (OKX "pong") are allowed
  --now MS          receive time in epoch ms, stamped on quotes from venues that send no time
                    (Binance spot bookTicker) and used as "now" when validating trade times
                    (default: the current time; pass it for reproducible output)
  --ct-val I=V      okx only: contract value (ctVal) of a SWAP/FUTURES instrument, e.g.
                    --ct-val BTC-USDT-SWAP=0.01; sizes are then contracts × ctVal in base units.
                    Without it those instruments' trades are rejected (bad-size). Repeatable.
  --raw             print what the parser emits as is: no validation, no dedupe, no gap checks
  --out FILE        write the NDJSON here instead of stdout (- is stdout); replaced atomically
                    when a regular file or a new path, written through for a device or pipe

Output (stdout, or --out), one JSON object per line, in input order, streamed as the file is
read (memory stays bounded; a leading byte-order mark is ignored):
  {"type":"trade","venue":V,"symbol":S,"id":N,"firstId":N,"timeMs":N,"price":"…","size":"…","side":"buy"|"sell"|"unknown","late":true}
  {"type":"quote","venue":V,"symbol":S,"timeMs":N,"bid":"…","bidSize":"…","ask":"…","askSize":"…"}
  price, size, bid, ask and sizes are exact decimal strings (JSON numbers from Kraken and Finnhub
  are converted to their shortest exact text). side is the taker side. id is omitted where the
  venue has no numeric per-symbol id (Bybit, Finnhub); firstId only appears when one record
  covers several ids (OKX count > 1); late only appears on trades that arrived after newer ids
  (gap fills, reconnect snapshots). timeMs is epoch ms (µs and ns are truncated).

Summary (stderr):
  normalize VENUE: F frames, T trades, Q quotes, C controls, R rejected
  rejects: one line per reason with its count and the first example (line number, detail);
           duplicates and out-of-window trades found by the integrity stage count here too
  controls: counts per kind; venue errors and reconnect requests are listed with line numbers
  gaps: open trade-id gaps per instrument, ids inclusive (venues with consecutive ids only:
        binance-spot, binance-usdm, coinbase, kraken, okx), and how many gaps late trades closed

Exit code 0 when the file was read (whatever frames it contained), 1 when it cannot be read or
has no frames at all, 2 on bad flags. Output already streamed to stdout or a pipe when a read
fails midway stays there; --out to a regular file is then left untouched.
`;

interface FirstExample {
  count: number;
  example: string;
}

function parseCtVals(values: readonly string[]): Map<string, OkxContract> {
  const map = new Map<string, OkxContract>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const inst = value.slice(0, eq);
    const ctVal = value.slice(eq + 1);
    if (eq <= 0 || parseDecimal(ctVal) === null) {
      throw new UsageError(`--ct-val must look like INSTID=DECIMAL, got ${JSON.stringify(value)}`);
    }
    map.set(inst, { ctVal });
  }
  return map;
}

function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`--now must be epoch milliseconds, got ${JSON.stringify(text)}`);
  return n;
}

function tradeLine(trade: Trade, late: boolean): string {
  const out: Record<string, unknown> = { type: 'trade', venue: trade.venue, symbol: trade.symbol };
  if (trade.id !== undefined) out['id'] = trade.id;
  if (trade.firstId !== undefined) out['firstId'] = trade.firstId;
  out['timeMs'] = trade.timeMs;
  out['price'] = trade.price;
  out['size'] = trade.size;
  out['side'] = trade.side;
  if (late) out['late'] = true;
  return JSON.stringify(out);
}

function quoteLine(q: Quote): string {
  return JSON.stringify({
    type: 'quote',
    venue: q.venue,
    symbol: q.symbol,
    timeMs: q.timeMs,
    bid: q.bid,
    bidSize: q.bidSize,
    ask: q.ask,
    askSize: q.askSize,
  });
}

function describeControl(event: ControlEvent): string | null {
  if (event.kind === 'error') {
    const where = [event.symbol, event.channel].filter((s) => s !== undefined && s.length > 0).join(' ');
    const tags = [event.code !== undefined ? `code ${event.code}` : '', event.auth === true ? 'auth' : ''].filter(
      Boolean,
    );
    return `error: ${event.message}${where ? ` (${where})` : ''}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`;
  }
  if (event.kind === 'reconnect') return `reconnect requested: ${event.reason}`;
  if (event.kind === 'reset') return `reset${event.symbol !== undefined ? ` ${event.symbol}` : ''}: ${event.reason}`;
  return null;
}

function profileFor(venue: string, ctVals: Map<string, OkxContract>): VenueProfile {
  if (!isLiveVenue(venue))
    throw new UsageError(`--venue must be one of ${LIVE_VENUES.join(', ')}; got ${JSON.stringify(venue)}`);
  if (ctVals.size > 0) {
    if (venue !== 'okx') throw new UsageError('--ct-val applies to --venue okx only');
    return createOkxProfile({ contracts: (inst) => ctVals.get(inst) });
  }
  return VENUE_PROFILES[venue];
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['venue', 'in', 'now', 'out'],
    repeatable: ['ct-val'],
    switches: ['raw'],
    required: ['venue', 'in'],
  });
  const ctVals = parseCtVals(args.values.get('ct-val') ?? []);
  const profile = profileFor(single(args, 'venue') as string, ctVals);
  const now = parseNow(single(args, 'now'));
  const raw = args.switches.has('raw');
  const path = single(args, 'in') as string;

  /** Output lines of the current chunk of input, written after it (with backpressure). */
  let out: string[] = [];
  const rejects = new Map<RejectReason, FirstExample>();
  const controls = new Map<string, number>();
  const notable: string[] = [];
  const integrity = new TradeIntegrity({ gapRule: profile.gapRule });
  let lineNo = 0;
  let frames = 0;
  let trades = 0;
  let quotes = 0;
  let controlCount = 0;
  let rejected = 0;

  const reject = (reason: RejectReason, detail: string) => {
    rejected++;
    const seen = rejects.get(reason);
    if (seen !== undefined) seen.count++;
    else rejects.set(reason, { count: 1, example: `line ${lineNo}: ${detail}` });
  };

  const sink: FrameSink = {
    trade(trade) {
      let late = false;
      if (!raw) {
        const valid = validateTrade(trade, now);
        if (!valid.ok) return reject(valid.reason, valid.detail);
        const verdict = integrity.accept(trade);
        if (verdict === 'duplicate') return reject('duplicate', `${trade.symbol} id ${String(trade.id)}`);
        if (verdict === 'out-of-window') return reject('out-of-window', `${trade.symbol} id ${String(trade.id)}`);
        late = verdict === 'late';
      }
      trades++;
      out.push(tradeLine(trade, late));
    },
    quote(quote) {
      if (!raw) {
        const valid = validateQuote(quote, now);
        if (!valid.ok) return reject(valid.reason, valid.detail);
      }
      quotes++;
      out.push(quoteLine(quote));
    },
    control(event) {
      controlCount++;
      controls.set(event.kind, (controls.get(event.kind) ?? 0) + 1);
      const note = describeControl(event);
      if (note !== null) notable.push(`line ${lineNo}: ${note}`);
      if (!raw && event.kind === 'heartbeat' && event.symbol !== undefined && event.lastTradeId !== undefined) {
        integrity.observeLastId(profile.venue, event.symbol, event.lastTradeId, event.timeMs ?? now);
      }
    },
    reject,
  };

  await withOutput(io, single(args, 'out'), async (write) => {
    await readLines(
      io,
      path,
      (n, frame) => {
        lineNo = n;
        frames++;
        parseGuarded(profile.parse, frame, now, sink);
      },
      async () => {
        if (out.length === 0) return;
        const text = `${out.join('\n')}\n`;
        out = [];
        await write(text);
      },
    );
    if (frames === 0) throw new InputError(`${path}: no frames in file`);
  });
  io.stderr(summary());
  return 0;

  function summary(): string {
    const lines = [
      `normalize ${profile.venue}: ${frames} frames, ${trades} trades, ${quotes} quotes, ${controlCount} controls, ${rejected} rejected`,
    ];
    if (rejects.size > 0) {
      lines.push('rejects:');
      const width = Math.max(...[...rejects.keys()].map((r) => r.length));
      for (const [reason, { count, example }] of rejects) {
        const shown = example.length > 160 ? `${example.slice(0, 160)}…` : example;
        lines.push(`  ${reason.padEnd(width)}  ${String(count).padStart(5)}  ${redactSecrets(shown)}`);
      }
    }
    if (controls.size > 0) {
      lines.push(`controls: ${[...controls].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
      for (const note of notable) lines.push(`  ${redactSecrets(note)}`);
    }
    if (!raw && profile.gapRule === 'consecutive') {
      const open = integrity.allOpenGaps();
      const { gapsOpened, gapsClosed } = integrity.stats;
      lines.push(`gaps: ${open.length} open, ${gapsOpened} found, ${gapsClosed} closed by late trades`);
      for (const gap of open) {
        const from = new Date(gap.fromTimeMs).toISOString();
        const to = new Date(gap.toTimeMs).toISOString();
        lines.push(`  ${formatGap(gap)} between ${from} and ${to}`);
      }
    } else if (!raw) {
      lines.push(
        `gaps: not checked (${profile.venue} trade ids are ${profile.gapRule === 'monotonic' ? 'not consecutive' : 'absent'})`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}

export const normalizeCommand: Command = {
  name: 'normalize',
  summary: 'parse raw venue websocket frames into normalised trades and quotes (NDJSON)',
  help: HELP,
  run,
};
