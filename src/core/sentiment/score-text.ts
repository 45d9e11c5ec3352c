import { FINANCE_LEXICON } from './finance-lexicon';
import { FINANCE_PHRASES } from './finance-phrases';
import { isLikelyEnglish } from './language';
import { tokenize } from './tokenize';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface TextSentiment {
  readonly label: SentimentLabel;
  /** −1 … 1; 0 for empty or non-English text. */
  readonly score: number;
  /** Lexicon words and phrases that counted, for explaining a score. */
  readonly hits: number;
}

/** Flip the valence of a sentiment word up to this many tokens after them ("does not expect profit growth"). */
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'neither', 'nor', 'cannot', 'cant', 'lack', 'lacks']);
const NEGATION_WINDOW = 4;
/** VADER's damping of a negated word: "not good" is milder than "bad". */
const NEGATION_FACTOR = -0.75;
const BOOSTERS = new Set([
  'sharply',
  'sharp',
  'strongly',
  'significantly',
  'substantially',
  'steeply',
  'steep',
  'very',
  'deeply',
  'heavily',
  'hugely',
  'massively',
  'biggest',
  'dramatically',
]);
const DAMPERS = new Set(['slightly', 'slight', 'marginally', 'somewhat', 'modestly', 'modest', 'edges', 'edged']);
/** Words that end a negation's reach. */
const CLAUSE_BREAKS = new Set(['|', 'but', 'while', 'although', 'though', 'after', 'yet']);
/** "but" shifts the weight to what follows it (VADER). */
const CONTRAST = new Set(['but', 'yet', 'however', 'despite']);
/** Normalises a valence sum into −1 … 1 (VADER's alpha). */
const ALPHA = 12;
/** |score| below this is neutral (tuned on the development set only; see README). */
export const NEUTRAL_BAND = 0.25;

interface Term {
  /** Index of the token the term starts at (phrase: its first word). */
  readonly at: number;
  value: number;
}

function phraseTerms(tokens: readonly string[], used: boolean[]): Term[] {
  const terms: Term[] = [];
  for (const rule of FINANCE_PHRASES) {
    for (let i = 0; i < tokens.length; i++) {
      if (used[i] || !rule.first.has(tokens[i] ?? '')) continue;
      for (let j = i + 1; j <= Math.min(tokens.length - 1, i + rule.within); j++) {
        if (used[j] || !rule.then.has(tokens[j] ?? '')) continue;
        used[i] = true;
        used[j] = true;
        terms.push({ at: i, value: rule.value });
        break;
      }
    }
  }
  return terms;
}

function wordTerms(tokens: readonly string[], used: readonly boolean[]): Term[] {
  const terms: Term[] = [];
  tokens.forEach((token, i) => {
    if (used[i] || NEGATORS.has(token)) return;
    // "up 5%" / "down 5%": the move itself.
    const next = tokens[i + 1];
    if ((token === 'up' || token === 'down') && next !== undefined && next.endsWith('%')) {
      terms.push({ at: i, value: token === 'up' ? 2 : -2 });
      return;
    }
    const value = FINANCE_LEXICON.get(token);
    if (value !== undefined && value !== 0) terms.push({ at: i, value });
  });
  return terms;
}

/** Boosters and dampers next to a term (either side), negators before it within its clause. */
function modify(tokens: readonly string[], term: Term): number {
  let value = term.value;
  for (const k of [term.at - 1, term.at + 1, term.at - 2, term.at + 2]) {
    const t = tokens[k];
    if (t === undefined) continue;
    if (BOOSTERS.has(t)) {
      value *= 1.5;
      break;
    }
    if (DAMPERS.has(t)) {
      value *= 0.5;
      break;
    }
  }
  for (let k = term.at - 1; k >= Math.max(0, term.at - NEGATION_WINDOW); k--) {
    const t = tokens[k] ?? '';
    if (CLAUSE_BREAKS.has(t)) break;
    if (NEGATORS.has(t) || (t === 'to' && /^fail/.test(tokens[k - 1] ?? ''))) {
      value *= NEGATION_FACTOR;
      break;
    }
  }
  return value;
}

/**
 * Finance-aware lexicon sentiment of one headline or sentence: AFINN-165 (financial market news
 * edition) plus finance overrides, multi-word finance phrases, negation, boosters and dampers,
 * and VADER's "but" rule. Empty and non-English text is neutral with score 0.
 */
export function scoreText(text: string): TextSentiment {
  const tokens = tokenize(text);
  if (tokens.length === 0 || !isLikelyEnglish(text, tokens)) return { label: 'neutral', score: 0, hits: 0 };
  const used = tokens.map(() => false);
  const terms = [...phraseTerms(tokens, used), ...wordTerms(tokens, used)];
  // "fails to" negates what follows, so "fails" itself does not count twice.
  const contrastAt = tokens.findIndex((t) => CONTRAST.has(t));
  let sum = 0;
  for (const term of terms) {
    let value = modify(tokens, term);
    if (contrastAt >= 0) value *= term.at < contrastAt ? 0.5 : 1.5;
    sum += value;
  }
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  const label: SentimentLabel = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score: Math.round(score * 1e4) / 1e4, hits: terms.length };
}
