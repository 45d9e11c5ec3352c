import type { SavedLayout } from '../core/layout/saved-layout';
import { parseSavedLayout } from '../core/layout/saved-layout';
import { parseLayoutBook, type LayoutBook } from '../core/layout/layout-book';
import type { TapewatchDb } from './db';
import { readSetting, writeSetting } from './settings-store';

/** Keys in the settings key-value table (no schema version of its own). */
const BOOK_KEY = 'desk-layouts';
/** What is on screen, saved as it changes, restored on reload whether or not it has a name. */
const CURRENT_KEY = 'desk-current-layout';
/** Stored entries that could not be read back: kept aside rather than overwritten and lost. */
const SET_ASIDE_KEY = 'desk-layouts-set-aside';

export interface LoadedLayouts {
  readonly book: LayoutBook;
  readonly current: SavedLayout | null;
  /** What could not be restored, in words for the user. */
  readonly problems: readonly string[];
}

export async function loadLayouts(db: TapewatchDb): Promise<LoadedLayouts> {
  const { book, problems, rejected } = parseLayoutBook(await readSetting<unknown>(db, BOOK_KEY, undefined));
  if (rejected.length > 0) {
    const aside = await readSetting<unknown[]>(db, SET_ASIDE_KEY, []);
    await writeSetting(db, SET_ASIDE_KEY, [...(Array.isArray(aside) ? aside : []), ...rejected]);
    await writeSetting(db, BOOK_KEY, book);
  }
  const rawCurrent = await readSetting<unknown>(db, CURRENT_KEY, undefined);
  const current = rawCurrent === undefined ? null : parseSavedLayout(rawCurrent);
  if (current !== null && current.layout === null) problems.push('the last layout on screen could not be restored');
  return { book, current: current?.layout ?? null, problems };
}

export function saveLayoutBook(db: TapewatchDb, book: LayoutBook): Promise<void> {
  return writeSetting(db, BOOK_KEY, book);
}

export function saveCurrentLayout(db: TapewatchDb, layout: SavedLayout): Promise<void> {
  return writeSetting(db, CURRENT_KEY, layout);
}
