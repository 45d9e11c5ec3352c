import type { Stage } from './stage';

/** The part of a trading-signals indicator the adapter needs. */
export interface TradingSignalsIndicator<In, Out> {
  add(input: In): unknown;
  replace(input: In): unknown;
  getResult(): Out | null;
}

/**
 * Adapts a trading-signals indicator to the preview/commit protocol. trading-signals' `replace`
 * overwrites the most recently added input, so the first preview of a forming bar `add`s it,
 * later previews and the final commit `replace` it. The contract test checks, per indicator,
 * that this ends in exactly the add-only state.
 */
export class TradingSignalsStage<In, Out> implements Stage<In, Out> {
  private pending = false;

  constructor(private readonly inner: TradingSignalsIndicator<In, Out>) {}

  update(input: In, commit: boolean): Out | null {
    if (this.pending) this.inner.replace(input);
    else this.inner.add(input);
    this.pending = !commit;
    return this.inner.getResult();
  }
}
