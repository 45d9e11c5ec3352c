import { judgeSignal } from '../core/models/signals/signal-outcome';
import type { JudgedTrade } from '../core/models/signals/track-record';
import type { TapewatchDb } from './db';
import type { StoredSignal } from './forecast-types';

/**
 * Each stored BUY/SELL judged by the outcome definition on the stored closed bars after it (at
 * most its horizon of them, one range read each, all in one read transaction). A trade whose
 * horizon has not passed and that touched neither level is open.
 */
export function judgeStoredSignals(db: TapewatchDb, signals: readonly StoredSignal[]): Promise<JudgedTrade[]> {
  return db.transaction('r', db.candles, () =>
    Promise.all(
      signals.flatMap((s) => {
        if (s.action === 'HOLD') return [];
        const action = s.action;
        return [
          db.candles
            .where('[venue+symbol+timeframe+openTimeMs]')
            .between([s.venue, s.symbol, s.timeframe, s.openTimeMs], [s.venue, s.symbol, s.timeframe, Infinity], false)
            .limit(s.horizon)
            .toArray()
            .then((rows): JudgedTrade => {
              const closed = rows.slice(0, firstOpen(rows));
              const after = closed.map((c) => ({ high: Number(c.high), low: Number(c.low), close: Number(c.close) }));
              const outcome = judgeSignal({ action, entry: s.entry, stop: s.stop, target: s.target }, after, s.horizon);
              return {
                openTimeMs: s.openTimeMs,
                action,
                confidence: s.confidence,
                outcome,
                decidedAtMs: outcome === null ? null : (closed[outcome.bars - 1]?.openTimeMs ?? null),
              };
            }),
        ];
      }),
    ),
  );
}

/** The forming bar and anything after it are not known yet. */
function firstOpen(rows: readonly { closed: boolean }[]): number {
  const i = rows.findIndex((r) => !r.closed);
  return i === -1 ? rows.length : i;
}
