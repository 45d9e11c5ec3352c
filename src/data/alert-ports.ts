import type { AlertPorts } from '../core/analytics/alert-stage';
import { storeAlertFirings } from './alert-firings';
import { saveAlertStates } from './alert-rules';
import type { TapewatchDb } from './db';
import { DexieStoredCandles } from './stored-candles';

/** The alert stage's storage: candles to warm up from, firings once each, rule state. */
export function dexieAlertPorts(db: TapewatchDb, onError: (error: unknown) => void): AlertPorts {
  return {
    candles: new DexieStoredCandles(db),
    saveFirings: (firings) => storeAlertFirings(db, firings),
    saveStates: (states) => saveAlertStates(db, states),
    onError,
  };
}
