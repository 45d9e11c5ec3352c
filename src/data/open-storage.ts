import { DB_NAME, TapewatchDb } from './db';

/** The database of this realm and whether it outlives the tab. */
export interface AppStorage {
  readonly db: TapewatchDb;
  /** False: IndexedDB is missing or refused (private modes, blocked storage); kept in memory. */
  readonly persistent: boolean;
  /** Why storage is in memory, for the banner's tooltip. */
  readonly reason: string | null;
}

/**
 * The stored data was written by a newer Tapewatch than this page's code (a deploy this tab has
 * not loaded yet): reloading picks up the new code. Never answered by falling back to memory.
 */
export class NewerStorageError extends Error {
  constructor() {
    super('A newer Tapewatch has upgraded the stored data — reload to use it');
    this.name = 'NewerStorageError';
  }
}

function isVersionError(error: unknown): boolean {
  for (let e: unknown = error; e !== null && e !== undefined; e = (e as { inner?: unknown }).inner) {
    if ((e as { name?: unknown }).name === 'VersionError') return true;
  }
  return false;
}

function describe(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown } | null;
  return typeof e?.message === 'string' && e.message !== '' ? e.message : String(e?.name ?? error);
}

/** Dexie over an in-memory IndexedDB: loaded only when needed, so it is not in the start-up bundle. */
async function inMemory(reason: string): Promise<AppStorage> {
  const { indexedDB, IDBKeyRange } = await import('fake-indexeddb');
  const db = new TapewatchDb(DB_NAME, { indexedDB, IDBKeyRange });
  await db.open();
  return { db, persistent: false, reason };
}

async function probe(memoryOnly: boolean): Promise<AppStorage> {
  if (memoryOnly) return inMemory('the page has no storage');
  const factory = (globalThis as { indexedDB?: IDBFactory | null }).indexedDB;
  if (factory === undefined || factory === null) return inMemory('IndexedDB is not available');
  const db = new TapewatchDb();
  watch(db);
  try {
    // Firefox private mode (older versions) and blocked storage fail here, not at the lookup.
    await db.open();
    return { db, persistent: true, reason: null };
  } catch (error) {
    db.close();
    if (isVersionError(error)) throw new NewerStorageError();
    return inMemory(describe(error));
  }
}

/** `replaced`: another tab opened a newer schema, this connection is closed. `blocked`: the reverse. */
export type StorageEvent = 'replaced' | 'blocked';
const listeners = new Set<(event: StorageEvent) => void>();

/** Tells `listener` when this realm's database is taken over by a newer Tapewatch, or waits on an older one. */
export function onStorageEvent(listener: (event: StorageEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function watch(db: TapewatchDb): void {
  // A newer version in another tab waits until every older connection closes: close at once
  // (and stay closed: reopening with this code's older schema could only fail) and say so.
  db.on('versionchange', () => {
    db.close();
    for (const l of listeners) l('replaced');
    return false;
  });
  db.on('blocked', () => {
    for (const l of listeners) l('blocked');
  });
}

let shared: Promise<AppStorage> | null = null;

/**
 * Opens this realm's database once (page and each worker decide for themselves): IndexedDB when
 * it opens, else the same schema in memory — the feed, chart and analytics work, nothing persists.
 * `memoryOnly` makes a worker follow a page that has no storage, so nothing is kept behind the
 * banner that says so.
 */
export function openStorage(options: { memoryOnly?: boolean } = {}): Promise<AppStorage> {
  shared ??= probe(options.memoryOnly ?? false);
  shared.catch(() => {
    shared = null;
  });
  return shared;
}
