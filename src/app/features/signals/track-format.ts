import type { JudgedTrade, TrackRecord, VerdictRecord, VerdictTally } from '../../../core/models/signals/track-record';
import { percentText } from './signal-format';

const REASONS = {
  target: 'target reached',
  stop: 'stop reached',
  both: 'stop and target in one bar',
  'close-up': 'closed higher',
  'close-down': 'closed lower',
  'close-flat': 'closed flat',
} as const;

/** A trade's state for the feed's `data-outcome`: not read yet, open, worked or failed. */
export function outcomeKind(trade: JudgedTrade | undefined): 'unread' | 'open' | 'worked' | 'failed' {
  if (trade === undefined) return 'unread';
  if (trade.outcome === null) return 'open';
  return trade.outcome.worked ? 'worked' : 'failed';
}

/** One trade's outcome by the outcome definition: how it ended and after how many bars. */
export function outcomeText(trade: JudgedTrade | undefined, horizon: number): string {
  if (trade === undefined) return 'outcome not read yet';
  const o = trade.outcome;
  if (o === null) return `open: judged within ${horizon} bars`;
  return `${o.worked ? 'worked' : 'failed'}: ${REASONS[o.reason]} after ${o.bars} bar${o.bars === 1 ? '' : 's'}`;
}

/** The series' record: the hit rate beside the confidence the judged trades were issued with. */
export function recordText(r: TrackRecord): string {
  const open = r.open === 0 ? '' : `; ${r.open} open`;
  if (r.hitRate === null || r.meanConfidence === null) return `no trade judged yet${open}`;
  return (
    `${r.worked} of ${r.judged} worked (${percentText(r.hitRate)}) at a mean confidence of ` +
    `${percentText(r.meanConfidence)}${open}`
  );
}

/** The record of similar earlier trades, as known when a trade was issued. */
export function similarText(r: TrackRecord): string {
  if (r.judged === 0) return 'similar earlier trades: none judged by then';
  return `similar earlier trades: ${r.worked} of ${r.judged} worked`;
}

function tallyText(t: VerdictTally, verdict: string): string {
  const judged = t.judged === 0 ? 'none judged yet' : `${t.worked} of ${t.judged} judged worked`;
  return `${t.rated} rated ${verdict} (${judged})`;
}

/** The user's verdicts beside the outcomes of the trades they rated (null with none rated). */
export function verdictText(r: VerdictRecord): string | null {
  const parts = [
    ...(r.useful.rated > 0 ? [tallyText(r.useful, 'useful')] : []),
    ...(r.notUseful.rated > 0 ? [tallyText(r.notUseful, 'not useful')] : []),
  ];
  return parts.length === 0 ? null : `Your verdicts: ${parts.join('; ')}`;
}
