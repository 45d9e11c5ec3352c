import type { AnomalyInput, HealthInput, SentimentInput, SignalInput } from './input';
import { atLeast, show, type Verdict } from './judgement';
import type { AnomalyRule, FeedHealthRule, SentimentRule, SignalRule } from './rule';
import type { SentimentPool, VenueWatch } from './input-contexts';

/** Judges of the inputs other stages compute: one value per event, no series state of their own. */

export function judgeAnomaly(rule: AnomalyRule, input: AnomalyInput): Verdict | null {
  if (rule.model !== undefined && input.model !== rule.model) return null;
  const { score } = input;
  return {
    probe: atLeast(score, rule.score),
    value: score,
    values: { score },
    explain: (c) => `anomaly score ${show(score)} ${c === null ? 'below' : 'reached'} ${rule.score}`,
  };
}

export function judgeSignal(rule: SignalRule, input: SignalInput): Verdict | null {
  if (rule.source !== undefined && input.source !== rule.source) return null;
  if (rule.model !== undefined && input.model !== rule.model) return null;
  const { confidence, direction } = input;
  // A signal the other way (or flat) counts as "condition not met", so the rule re-arms.
  const matches = rule.direction === undefined ? direction !== 'flat' : direction === rule.direction;
  const probe = atLeast(matches ? confidence : -Infinity, rule.confidence);
  return {
    probe,
    value: confidence,
    values: { confidence, direction },
    explain: (c) =>
      `${input.source} ${direction} with confidence ${show(confidence)}${c === null ? `, needs ${rule.direction ?? 'up or down'} at ${rule.confidence}` : ''}`,
  };
}

export const DEFAULT_SENTIMENT_WINDOW_MS = 3_600_000;
export const DEFAULT_MIN_ARTICLES = 3;

export function judgeSentiment(rule: SentimentRule, input: SentimentInput, pool: SentimentPool): Verdict {
  const windowMs = rule.windowMs ?? DEFAULT_SENTIMENT_WINDOW_MS;
  const minArticles = rule.minArticles ?? DEFAULT_MIN_ARTICLES;
  const { articles, mean } = pool.over(input.openTimeMs, windowMs);
  if (articles < minArticles) return `${articles} article(s) in the window, needs ${minArticles}`;
  const above = rule.op === 'above';
  const hit = above ? mean > rule.value : mean < rule.value;
  return {
    probe: { upHit: hit, upRearm: !hit, downHit: false, downRearm: false },
    value: mean,
    values: { sentiment: mean, articles },
    explain: (c) =>
      `sentiment ${show(mean)} over ${articles} articles ${c === null ? 'not ' : ''}${rule.op} ${rule.value}`,
  };
}

export const DEFAULT_HEALTH_AFTER_SEC = 30;

/** Judges a venue's health report; `episodeMs` identifies the outage so it fires once per episode. */
export function judgeHealth(
  rule: FeedHealthRule,
  input: HealthInput,
  watch: VenueWatch,
): { verdict: Verdict; episodeMs: number } {
  const afterMs = (rule.afterSec ?? DEFAULT_HEALTH_AFTER_SEC) * 1000;
  const venue = input.venue;
  if (rule.condition === 'down') {
    const since = watch.downSinceMs;
    const downMs = since === null ? 0 : input.timeMs - since;
    const hit = since !== null && downMs > afterMs;
    return {
      episodeMs: since ?? input.timeMs,
      verdict: {
        probe: { upHit: hit, upRearm: since === null, downHit: false, downRearm: false },
        value: downMs / 1000,
        values: { down_sec: downMs / 1000 },
        explain: (c) =>
          since === null
            ? `${venue} is connected`
            : `${venue} down for ${show(downMs / 1000)} s${c === null ? `, not ${afterMs / 1000} s` : ''}`,
      },
    };
  }
  if (rule.condition === 'stale') {
    const age = input.lastMessageAgeMs;
    const hit = age > afterMs;
    return {
      episodeMs: input.timeMs - age,
      verdict: {
        probe: { upHit: hit, upRearm: !hit, downHit: false, downRearm: false },
        value: age / 1000,
        values: { silent_sec: age / 1000 },
        explain: (c) =>
          `${venue} silent for ${show(age / 1000)} s${c === null ? `, not over ${afterMs / 1000} s` : ''}`,
      },
    };
  }
  const added = input.gapsUnfillable - watch.previousGaps;
  const hit = watch.previousGaps >= 0 && added > 0;
  return {
    episodeMs: input.timeMs,
    verdict: {
      probe: { upHit: hit, upRearm: true, downHit: false, downRearm: false },
      value: input.gapsUnfillable,
      values: { unfillable_gaps: input.gapsUnfillable },
      explain: (c) =>
        c === null ? `${venue}: no new unfillable gap` : `${venue}: ${added} new gap(s) that cannot be backfilled`,
    },
  };
}
