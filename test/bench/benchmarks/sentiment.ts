import { plainAfinnLabel } from '../../../src/core/sentiment/plain-afinn';
import { scoreText } from '../../../src/core/sentiment/score-text';
import type { BenchPair } from '../benchmark';

const HEADLINES = 50_000;

const SUBJECTS = [
  'Acme Corp',
  'Bitcoin',
  'Ether',
  'Norvik Systems',
  'Solana',
  'Altera Foods',
  'Kestrel Pharma',
  'Stocks',
];
const EVENTS = [
  'beats third-quarter estimates as cloud revenue climbs 24%',
  'misses estimates and warns of weaker holiday sales',
  'raises full-year guidance after strong demand',
  'does not expect to meet its profit target this year',
  'shares fall sharply after regulator opens probe',
  'to report second-quarter results on Thursday',
  'names new chief financial officer',
  'surges to a record high as ETF inflows jump',
  "isn't worried about liquidity, reports solid inflows",
  'slides 9% after exchange halts withdrawals',
  'completes previously announced debt refinancing',
  'upgraded to buy on higher oil prices',
];

/** Headlines shaped like Finnhub's: a subject and an event, with a varying tail so no two repeat. */
function headlines(): string[] {
  const out: string[] = [];
  for (let i = 0; i < HEADLINES; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length] as string;
    const event = EVENTS[(i * 7) % EVENTS.length] as string;
    out.push(`${subject} ${event} (update ${i})`);
  }
  return out;
}

let texts: string[] = [];
let check = 0;

export const sentimentThroughput: BenchPair = {
  name: 'sentiment-score',
  description:
    'Headline sentiment in the bench worker: the shipped finance scorer (phrases, negation, boosters, language check) vs plain AFINN (the same tokens summed); ops = headlines',
  setup() {
    if (texts.length === 0) texts = headlines();
  },
  baseline: {
    name: 'plain AFINN',
    unit: 'headlines',
    run() {
      for (const t of texts) if (plainAfinnLabel(t) === 'positive') check++;
      return texts.length;
    },
  },
  subject: {
    name: 'finance scorer',
    unit: 'headlines',
    run() {
      for (const t of texts) check += scoreText(t).score > 0 ? 1 : 0;
      return texts.length;
    },
  },
};

/** Keeps the loops' results alive (never read). */
export const sentimentCheck = () => check;
