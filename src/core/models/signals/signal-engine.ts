import { createIndicatorFromSpec } from '../../indicators/registry';
import type { StreamingIndicator } from '../../indicators/streaming-indicator';
import type { ForecastBar } from '../forecast/forecaster';
import { OutcomeCalibrator } from './outcome-calibrator';
import type { Signal } from './signal';
import { gatherEvidence } from './signal-evidence';
import type { SignalInputs } from './signal-inputs';
import { judgeSignal, type OutcomeTrade } from './signal-outcome';

export interface SignalEngineOptions {
  /** Bars within which a trade is judged (the outcome definition's horizon). */
  readonly horizon?: number;
  readonly stopAtr?: number;
  readonly targetAtr?: number;
  /** Round-trip cost (fees and slippage, both sides) in basis points, charged in the expected value. */
  readonly costBps?: number;
  readonly kellyCap?: number;
  /** Judged past trades a regime group needs before it may trade. */
  readonly minSamples?: number;
}

export const SIGNAL_DEFAULTS = {
  horizon: 20,
  stopAtr: 2,
  targetAtr: 3,
  costBps: 24,
  kellyCap: 0.25,
  minSamples: 200,
} as const;

interface Pending {
  readonly index: number;
  readonly trade: OutcomeTrade;
  readonly group: number;
  readonly score: number;
  readonly risk: number;
}

export interface SignalEngine {
  /** The decision at this bar's close (HOLD while warming up), using this bar and the past only. */
  observe(bar: ForecastBar, inputs?: SignalInputs): Signal;
  /** Judged candidate trades so far (the calibration's evidence). */
  readonly judged: number;
}

/**
 * The decision layer, bar by bar. Every bar gets a candidate trade in the direction of its score,
 * with an ATR stop and target. When the candidate's horizon has passed it is judged by the outcome
 * definition and fed to the calibrator, so the confidence of bar t is learnt from trades judged
 * by bar t only (causal walk-forward). The candidate becomes a BUY or SELL when its calibrated
 * expected value after costs is positive; otherwise HOLD (the candidate's levels are kept for
 * display, its Kelly fraction is 0).
 */
export function createSignalEngine(options: SignalEngineOptions = {}): SignalEngine {
  const o = { ...SIGNAL_DEFAULTS, ...options };
  const indicators: Record<'atr' | 'rsi' | 'emaFast' | 'emaSlow', StreamingIndicator> = {
    atr: createIndicatorFromSpec('atr:14'),
    rsi: createIndicatorFromSpec('rsi:14'),
    emaFast: createIndicatorFromSpec('ema:12'),
    emaSlow: createIndicatorFromSpec('ema:48'),
  };
  const calibrator = new OutcomeCalibrator();
  const recent: Pick<ForecastBar, 'high' | 'low' | 'close'>[] = [];
  let recentStart = 0;
  let pending: Pending[] = [];
  let index = -1;
  let judged = 0;

  const judgePending = () => {
    const keep: Pending[] = [];
    for (const p of pending) {
      const after = recent.slice(p.index + 1 - recentStart);
      const outcome = judgeSignal(p.trade, after, o.horizon);
      if (outcome === null) {
        keep.push(p);
        continue;
      }
      const dir = p.trade.action === 'BUY' ? 1 : -1;
      let r: number;
      if (outcome.reason === 'target') r = Math.abs(p.trade.target - p.trade.entry) / p.risk;
      else if (outcome.reason === 'stop' || outcome.reason === 'both') r = -1;
      else r = (dir * ((after[o.horizon - 1] as { close: number }).close - p.trade.entry)) / p.risk;
      calibrator.record(p.group, p.score, outcome.worked, r);
      judged++;
    }
    pending = keep;
  };

  return {
    get judged() {
      return judged;
    },
    observe(bar, inputs = {}) {
      index++;
      recent.push({ high: bar.high, low: bar.low, close: bar.close });
      if (recent.length > o.horizon + 1) {
        recent.shift();
        recentStart++;
      }
      judgePending();
      const input = { timeMs: bar.openTimeMs, ...bar };
      const atr = indicators.atr.add(input)?.['atr'];
      const rsi = indicators.rsi.add(input)?.['rsi'];
      const emaFast = indicators.emaFast.add(input)?.['ema'];
      const emaSlow = indicators.emaSlow.add(input)?.['ema'];
      const hold = (detail: string): Signal => ({
        openTimeMs: bar.openTimeMs,
        action: 'HOLD',
        confidence: 0,
        entry: bar.close,
        stop: bar.close,
        target: bar.close,
        riskReward: 0,
        expectedValue: 0,
        kelly: 0,
        horizon: o.horizon,
        evidence: [{ input: 'warm-up', weight: 0, detail }],
      });
      if (atr === undefined || rsi === undefined || emaFast === undefined || emaSlow === undefined) {
        return hold('indicators warming up');
      }
      if (!(atr > 0)) return hold('no range (ATR 0)');
      const { score, evidence } = gatherEvidence({ close: bar.close, atr, rsi, emaFast, emaSlow }, inputs);
      const buy = score >= 0;
      const risk = o.stopAtr * atr;
      const trade: OutcomeTrade = {
        action: buy ? 'BUY' : 'SELL',
        entry: bar.close,
        stop: buy ? bar.close - risk : bar.close + risk,
        target: buy ? bar.close + o.targetAtr * atr : bar.close - o.targetAtr * atr,
      };
      const group = inputs.regime?.state.state ?? -1;
      pending.push({ index, trade, group, score, risk });
      const { p, meanR, samples } = calibrator.calibrate(group, score);
      const riskReward = o.targetAtr / o.stopAtr;
      const expectedValue = meanR * risk - (o.costBps / 10_000) * bar.close;
      const kelly = Math.max(0, Math.min(o.kellyCap, p - (1 - p) / riskReward));
      const trades = samples >= o.minSamples && expectedValue > 0 && kelly > 0;
      return {
        openTimeMs: bar.openTimeMs,
        action: trades ? trade.action : 'HOLD',
        confidence: p,
        entry: trade.entry,
        stop: trade.stop,
        target: trade.target,
        riskReward,
        expectedValue,
        kelly: trades ? kelly : 0,
        horizon: o.horizon,
        evidence,
      };
    },
  };
}
