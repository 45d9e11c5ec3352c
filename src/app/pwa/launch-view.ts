/** Views the installed app's shortcuts open (manifest `shortcuts`: `/?view=…`). */
export type LaunchView = 'watchlist' | 'alerts' | 'library';

const VIEWS: readonly LaunchView[] = ['watchlist', 'alerts', 'library'];

/** The view a launch URL asks for, or null. */
export function launchView(search: URLSearchParams): LaunchView | null {
  const view = search.get('view');
  return VIEWS.find((v) => v === view) ?? null;
}
