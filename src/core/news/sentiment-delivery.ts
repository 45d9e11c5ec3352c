import type { SentimentInput } from '../alerts/input';

/** The newest bar of a series already given to the alert engine, as it was then. */
export interface SentMark {
  readonly openTimeMs: number;
  readonly articles: number;
  readonly meanScore: number;
}

/**
 * The inputs of a rebuilt series that the alert engine has not seen: bars newer than the mark, and
 * the mark's own bar again when late articles changed it. Older bars are never sent again: the
 * engine's pool keeps only newer reports, and judging an old bar anew could re-arm a rule and let
 * it fire twice on one stretch of news. Inputs oldest first, as `sentimentAlertInputs` gives them.
 */
export function unsentInputs(
  inputs: readonly SentimentInput[],
  mark: SentMark | undefined,
): { send: SentimentInput[]; mark: SentMark | undefined } {
  const send = inputs.filter(
    (i) =>
      mark === undefined ||
      i.openTimeMs > mark.openTimeMs ||
      (i.openTimeMs === mark.openTimeMs && (i.articles !== mark.articles || i.meanScore !== mark.meanScore)),
  );
  const last = send[send.length - 1];
  return {
    send,
    mark:
      last === undefined ? mark : { openTimeMs: last.openTimeMs, articles: last.articles, meanScore: last.meanScore },
  };
}
