/**
 * The big parser fuzz run, on demand (CI runs a small seeded one in parser-fuzz.test.ts):
 *   npx tsx test/fuzz/run.ts [--frames N per venue, default 100000] [--seed S] [venue ...]
 * Prints per venue the frames tried, exceptions that escaped the parser, accepted records that
 * break a validation rule, and what was accepted; exits 1 when anything escaped or broke a rule.
 */
import { LIVE_VENUES, isLiveVenue } from '../../src/core/exchange/registry';
import { fuzzVenue } from './parser-fuzz';

const args = process.argv.slice(2);
function flag(name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const n = Number(args[at + 1]);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer`);
  return n;
}
const frames = flag('frames', 100_000);
const seed = flag('seed', 1);
const named = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const unknown = named.filter((v) => !isLiveVenue(v));
if (unknown.length > 0) throw new Error(`unknown venue(s) ${unknown.join(', ')}; one of ${LIVE_VENUES.join(', ')}`);
const venues = named.length > 0 ? named.filter(isLiveVenue) : LIVE_VENUES;

let bad = 0;
const total = { frames: 0, escapes: 0, violations: 0 };
for (const [n, venue] of venues.entries()) {
  const started = performance.now();
  const r = fuzzVenue(venue, frames, seed * 1_000 + n);
  const ms = performance.now() - started;
  total.frames += r.frames;
  total.escapes += r.escapes;
  total.violations += r.violations;
  bad += r.escapes + r.violations;
  console.log(
    `${venue.padEnd(13)} ${String(r.frames).padStart(8)} frames  ${String(r.escapes).padStart(6)} escaped  ` +
      `${String(r.violations).padStart(6)} invalid accepted  ${String(r.trades).padStart(7)} trades  ` +
      `${String(r.quotes).padStart(6)} quotes  ${(ms / 1000).toFixed(1)} s`,
  );
  for (const e of r.firstEscapes.slice(0, 2))
    console.log(`    escaped #${e.index}: ${e.error} — ${e.frame.slice(0, 140)}`);
  for (const v of r.firstViolations.slice(0, 2)) console.log(`    accepted invalid ${v}`);
}
console.log(`total         ${total.frames} frames, ${total.escapes} escaped, ${total.violations} invalid accepted`);
process.exitCode = bad > 0 ? 1 : 0;
