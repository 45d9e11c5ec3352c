import type { TapewatchDb } from './db';

export async function readSetting<T>(db: TapewatchDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function writeSetting(db: TapewatchDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
