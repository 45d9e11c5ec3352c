/**
 * Lower-case word tokens of a headline. Hyphenated compounds are split ("better-than-expected"
 * → better, than, expected) so phrase rules see their parts; "n't" becomes its own token "not";
 * numbers and percentages stay one token ("24%", "1.2").
 */
export function tokenize(text: string): string[] {
  const normalised = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'s\b/g, '')
    // A clause break stays visible as its own token: negation does not reach past it.
    .replace(/[,;:!?]\s|\s[-–—]\s/g, ' | ');
  const out: string[] = [];
  for (const match of normalised.matchAll(/\||[\p{L}\p{N}][\p{L}\p{N}.,%$€£']*/gu)) {
    // Trailing punctuation is not part of the word ("sales." "1,200,").
    const token = match[0].replace(/[.,']+$/, '');
    if (token.length > 0) out.push(token);
  }
  return out;
}
