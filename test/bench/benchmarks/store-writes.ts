import Dexie from 'dexie';
import type { Candle } from '../../../src/core/candles/candle';
import { CandleWriter } from '../../../src/data/candle-store';
import { TapewatchDb } from '../../../src/data/db';
import type { BenchPair } from '../benchmark';
import { benchCandles } from './bench-candles';

const ROWS = 50_000;
let candles: Candle[] = [];
let raw: IDBDatabase | null = null;
let store: TapewatchDb | null = null;

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('bench-raw-candles', 1);
    req.onupgradeneeded = () =>
      req.result.createObjectStore('candles', { keyPath: ['venue', 'symbol', 'timeframe', 'openTimeMs'] });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Bars through the app's batched writer (Dexie bulkPut) against a raw IndexedDB put loop. */
export const storeWrites: BenchPair = {
  name: 'store-writes',
  description: '50k 1m bars: CandleWriter (batched, Dexie) vs raw IndexedDB put loop in one transaction',
  target: 0.8,
  async setup() {
    candles = benchCandles(ROWS);
    await Dexie.delete('bench-store');
    await new Promise((r) => (indexedDB.deleteDatabase('bench-raw-candles').onsuccess = r));
    raw = await openRaw();
    store = new TapewatchDb('bench-store');
    await store.open();
  },
  baseline: {
    name: 'raw put loop',
    unit: 'bars',
    async run() {
      const db = raw as IDBDatabase;
      const clear = db.transaction('candles', 'readwrite');
      clear.objectStore('candles').clear();
      await done(clear);
      const tx = db.transaction('candles', 'readwrite');
      const os = tx.objectStore('candles');
      for (const c of candles) os.put(c);
      await done(tx);
      return candles.length;
    },
  },
  subject: {
    name: 'CandleWriter',
    unit: 'bars',
    async run() {
      const db = store as TapewatchDb;
      await db.candles.clear();
      const writer = new CandleWriter(db, { maxDelayMs: 250, maxRows: 100_000 });
      writer.put(candles);
      await writer.flush();
      if (writer.written !== candles.length) throw new Error(`wrote ${writer.written}`);
      return candles.length;
    },
  },
};
