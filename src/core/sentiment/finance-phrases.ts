/**
 * Multi-word finance phrases whose meaning is not the sum of their words: "beats estimates" is good
 * news although "estimates" is neutral, "cuts guidance" is worse than "cuts", "cost cuts" is good
 * and a "narrower loss" is not a loss. A rule matches a word of `first` followed, within `within`
 * tokens, by a word of `then`; its value replaces the valences of both words.
 */
export interface PhraseRule {
  readonly name: string;
  readonly first: ReadonlySet<string>;
  readonly then: ReadonlySet<string>;
  readonly within: number;
  readonly value: number;
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '));

const BEAT = words(
  'beat beats beating top topped tops topping exceed exceeds exceeded exceeding surpass surpasses surpassed',
);
const MISS = words('miss misses missed missing trail trails trailed lag lags lagged');
const EXPECTATIONS = words(
  'estimates estimate expectations expectation forecasts forecast consensus views view targets target',
);
const RAISE = words(
  'raise raises raised raising lift lifts lifted lifting boost boosts boosted hike hikes hiked ups upped increases increased improves improved',
);
const CUT = words(
  'cut cuts cutting lower lowers lowered lowering slash slashes slashed trim trims trimmed reduce reduces reduced withdraw withdraws withdrew suspend suspends suspended scraps scrapped',
);
const OUTLOOK = words(
  'guidance forecast forecasts outlook target targets dividend dividends payout view estimates estimate',
);
const BETTER = words('better stronger higher');
const WORSE = words('worse weaker lower');
const THAN_EXPECTED = words('expected forecast estimated feared anticipated');
const NARROW = words('narrower narrowed narrows narrowing smaller shrank shrinks');
const WIDEN = words('wider widened widens widening larger bigger deeper deepened deepens');
const LOSS = words('loss losses');

export const FINANCE_PHRASES: readonly PhraseRule[] = [
  { name: 'beats estimates', first: BEAT, then: EXPECTATIONS, within: 4, value: 3 },
  { name: 'misses estimates', first: MISS, then: EXPECTATIONS, within: 4, value: -3 },
  { name: 'raises guidance', first: RAISE, then: OUTLOOK, within: 4, value: 3 },
  { name: 'cuts guidance', first: CUT, then: OUTLOOK, within: 4, value: -3 },
  { name: 'better than expected', first: BETTER, then: THAN_EXPECTED, within: 2, value: 2 },
  { name: 'worse than expected', first: WORSE, then: THAN_EXPECTED, within: 2, value: -2 },
  { name: 'narrower loss', first: NARROW, then: LOSS, within: 2, value: 2 },
  { name: 'loss narrows', first: LOSS, then: NARROW, within: 2, value: 2 },
  { name: 'wider loss', first: WIDEN, then: LOSS, within: 2, value: -3 },
  { name: 'loss widens', first: LOSS, then: WIDEN, within: 2, value: -3 },
  { name: 'profit warning', first: words('profit earnings'), then: words('warning warnings'), within: 1, value: -3 },
  { name: 'cost cuts', first: words('cost costs'), then: words('cuts cutting cut savings'), within: 1, value: 1 },
  { name: 'job cuts', first: words('job jobs'), then: words('cuts cut'), within: 1, value: -2 },
  { name: 'cuts jobs', first: CUT, then: words('jobs job staff workforce'), within: 3, value: -2 },
  {
    name: 'returns to profit',
    first: words('swings swing returns return'),
    then: words('profit profitability'),
    within: 3,
    value: 3,
  },
  { name: 'swings to loss', first: words('swings swing'), then: LOSS, within: 3, value: -3 },
  { name: 'surprise loss', first: words('surprise unexpected'), then: LOSS, within: 1, value: -3 },
  { name: 'all-time high', first: words('time week year record'), then: words('high highs'), within: 1, value: 2 },
  { name: 'multi-year low', first: words('time week year record'), then: words('low lows'), within: 1, value: -2 },
  {
    name: 'halts withdrawals',
    first: words('halts halt halted suspends suspended freezes froze'),
    then: words('withdrawals'),
    within: 2,
    value: -3,
  },
  {
    name: 'inflation cools',
    first: words('inflation prices'),
    then: words('cools cooled cooling eases eased easing slows slowed'),
    within: 2,
    value: 2,
  },
  {
    name: 'inflation heats up',
    first: words('inflation'),
    then: words('rises rose jumps jumped accelerates accelerated surges hot hotter'),
    within: 2,
    value: -2,
  },
  { name: 'price target raised', first: words('target targets'), then: RAISE, within: 2, value: 2 },
  { name: 'price target cut', first: words('target targets'), then: CUT, within: 2, value: -2 },
];
