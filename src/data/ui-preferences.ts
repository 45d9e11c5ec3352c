/**
 * Display preferences kept in localStorage rather than IndexedDB: they are read synchronously
 * before the first paint, so the page never flashes the wrong theme.
 */
export type ThemePreference = 'dark' | 'light' | 'system';

const THEME_KEY = 'tapewatch.theme';

export function readThemePreference(): ThemePreference {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'dark' || value === 'light' ? value : 'system';
  } catch {
    // Storage refused (private mode, sandbox): the system decides.
    return 'system';
  }
}

export function writeThemePreference(preference: ThemePreference): void {
  try {
    localStorage.setItem(THEME_KEY, preference);
  } catch {
    // Not kept across reloads; the choice still applies now.
  }
}
