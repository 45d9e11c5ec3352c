import type { SignalEvidence } from './signal';
import type { SignalInputs } from './signal-inputs';

/** Indicator values of the bar (rule-based inputs, always present once warmed up). */
export interface IndicatorReadings {
  readonly close: number;
  readonly atr: number;
  readonly rsi: number;
  readonly emaFast: number;
  readonly emaSlow: number;
}

/** How strongly each input may push (the score is tanh of the sum, so in (-1, 1)). */
export const EVIDENCE_WEIGHTS = {
  trend: 0.6,
  rsi: 0.4,
  forecast: 1.0,
  regime: 0.5,
  sentiment: 0.3,
} as const;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Each input's push towards BUY (+) or SELL (−), and the raw score. An anomalous bar damps the
 * score (its evidence is the amount it removed). The weights are fixed priors; how often a score
 * works is learnt by the calibrator from past outcomes, so a useless input costs confidence, not
 * correctness.
 */
export function gatherEvidence(
  r: IndicatorReadings,
  inputs: SignalInputs,
): { score: number; evidence: SignalEvidence[] } {
  const evidence: SignalEvidence[] = [];
  const trendAtr = (r.emaFast - r.emaSlow) / r.atr;
  evidence.push({
    input: 'trend',
    weight: EVIDENCE_WEIGHTS.trend * Math.tanh(trendAtr / 2),
    detail: `EMA 12 ${trendAtr >= 0 ? 'above' : 'below'} EMA 48 by ${round(Math.abs(trendAtr))} ATR`,
  });
  evidence.push({
    input: 'rsi',
    weight: -EVIDENCE_WEIGHTS.rsi * ((r.rsi - 50) / 50),
    detail: `RSI 14 at ${round(r.rsi)} (${r.rsi > 50 ? 'overbought side' : 'oversold side'}: mean reversion)`,
  });
  const forecast = inputs.forecast;
  if (forecast != null && Number.isFinite(forecast.step.pUp)) {
    evidence.push({
      input: `forecast:${forecast.model}`,
      weight: EVIDENCE_WEIGHTS.forecast * 2 * (forecast.step.pUp - 0.5),
      detail: `P(next close up) ${round(forecast.step.pUp)}, predicted close ${forecast.step.close}`,
    });
  }
  const regime = inputs.regime;
  if (regime != null) {
    const drift = regime.state.probabilities.reduce((s, p, k) => s + p * (regime.meanReturns[k] ?? 0), 0);
    // Drift in units of the ATR as a return: a regime whose mean return is a sizeable share of a bar's range.
    const scaled = drift / (r.atr / r.close);
    evidence.push({
      input: 'regime',
      weight: EVIDENCE_WEIGHTS.regime * Math.tanh(scaled * 10),
      detail: `state ${regime.state.state} (p ${round(regime.state.probabilities[regime.state.state] ?? 0)}), drift ${drift.toExponential(2)} per bar`,
    });
  }
  if (inputs.sentiment != null && Number.isFinite(inputs.sentiment)) {
    evidence.push({
      input: 'sentiment',
      weight: EVIDENCE_WEIGHTS.sentiment * Math.max(-1, Math.min(1, inputs.sentiment)),
      detail: `news sentiment ${round(inputs.sentiment)}`,
    });
  }
  let sum = evidence.reduce((s, e) => s + e.weight, 0);
  if (inputs.anomaly != null && Number.isFinite(inputs.anomaly)) {
    const damp = Math.max(0, Math.min(1, inputs.anomaly));
    evidence.push({
      input: 'anomaly',
      weight: -sum * damp * 0.5,
      detail: `anomaly score ${round(damp)} damps the score`,
    });
    sum *= 1 - damp * 0.5;
  }
  return { score: Math.tanh(sum), evidence };
}
