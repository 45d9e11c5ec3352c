/**
 * Display preferences kept in localStorage rather than IndexedDB: they are read synchronously
 * before the first paint, so the page never flashes the wrong theme.
 */
export type ThemePreference = 'dark' | 'light' | 'system';

const THEME_KEY = 'tapewatch.theme';

/** The page's localStorage (this module is also compiled for workers, which have none). */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): KeyValueStorage | undefined {
  return (globalThis as { localStorage?: KeyValueStorage }).localStorage;
}

export function readThemePreference(): ThemePreference {
  try {
    const value = storage()?.getItem(THEME_KEY) ?? null;
    return value === 'dark' || value === 'light' ? value : 'system';
  } catch {
    // Storage refused (private mode, sandbox): the system decides.
    return 'system';
  }
}

export function writeThemePreference(preference: ThemePreference): void {
  try {
    storage()?.setItem(THEME_KEY, preference);
  } catch {
    // Not kept across reloads; the choice still applies now.
  }
}
