/** Dexie wraps the DOMException; both spellings mean the origin is out of storage. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e !== null && e !== undefined; e = (e as { inner?: unknown }).inner) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
  }
  return false;
}

export interface StorageUsage {
  readonly usage: number;
  readonly quota: number;
}

/** navigator.storage.estimate() where it exists (pages and workers alike). */
export async function estimateStorage(): Promise<StorageUsage | null> {
  const storage = (
    globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } }
  ).navigator?.storage;
  if (storage?.estimate === undefined) return null;
  const { usage = 0, quota = 0 } = await storage.estimate();
  return { usage, quota };
}

/**
 * Runs a write; on QuotaExceededError asks `relieve` to free space (the retention policy) and
 * tries once more. The caller keeps its batch if the retry fails too, so nothing in flight is lost.
 */
export async function writeWithQuotaRetry(write: () => Promise<void>, relieve: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await relieve();
    await write();
  }
}
