/**
 * Whether a text is plausibly English, so a lexicon built for English may score it. A text in
 * another language is neutral (not scored), never a guess: a German "fällt" is not in the lexicon,
 * but "die" or "gift" would be misread as English words.
 *
 * Two cheap signals: letters outside the Latin script (Cyrillic, CJK, Arabic …) dominate; or the
 * text holds more function words of a common other language (or words with accented letters)
 * than English function words.
 */

const ENGLISH = new Set(
  'the a an of to in on for and or but with at by from as is are was were be been has have had will would its it this that than after before over under into out up down amid says said not no new'.split(
    ' ',
  ),
);

/** Frequent function words of German, French, Spanish, Italian, Dutch, Portuguese and the Nordics. */
const OTHER = new Set(
  [
    'der die das und nicht mit von für auf ist ein eine einer den dem des im zum zur nach bei sich wird aus',
    'le la les et des du un une est pour dans sur avec par au aux pas que qui se sont cette ses',
    'el los las y del en por con una es para que se su al lo más sus',
    'il di che è per una della delle sono con gli dei nel alla',
    'het een van en niet met voor op zijn naar bij ook wordt',
    'o os um uma não com para em do da dos das mais que',
    'och att är för med på som inte av en ett ja ei että on ovat og ikke til',
  ]
    .join(' ')
    .split(' '),
);

export function isLikelyEnglish(text: string, tokens: readonly string[]): boolean {
  let latin = 0;
  let otherScript = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      if (/\p{Script=Latin}/u.test(ch)) latin++;
      else otherScript++;
    }
  }
  if (otherScript > latin) return false;
  let english = 0;
  let other = 0;
  for (const token of tokens) {
    // Words that are function words in both ("in", "a") count for English only.
    if (ENGLISH.has(token)) english++;
    else if (OTHER.has(token)) other++;
    // Accented Latin letters (ä, é, ñ …) are rare in English words but common elsewhere.
    else if (/[\u00c0-\u024f]/.test(token)) other++;
  }
  // Two signals at least: one accented name ("Nestlé") does not make a headline foreign.
  return other <= english || other < 2;
}
