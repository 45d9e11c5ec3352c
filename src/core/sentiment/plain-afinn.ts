import { PLAIN_AFINN } from './finance-lexicon';
import type { SentimentLabel } from './score-text';
import { tokenize } from './tokenize';

/**
 * The evaluation's "plain AFINN" baseline: the package's word list summed over the tokens, the
 * sign is the label. No phrases, negation, boosters or language check.
 */
export function plainAfinnLabel(text: string): SentimentLabel {
  let sum = 0;
  for (const token of tokenize(text)) sum += PLAIN_AFINN.get(token) ?? 0;
  return sum > 0 ? 'positive' : sum < 0 ? 'negative' : 'neutral';
}
