/** Where the moment the network went away is kept, so a reload while offline still says since when. */
const OFFLINE_SINCE_KEY = 'tapewatch.offlineSince';

function storedSince(): number | null {
  try {
    const raw = localStorage.getItem(OFFLINE_SINCE_KEY);
    const n = raw === null ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

function remember(since: number | null): void {
  try {
    if (since === null) localStorage.removeItem(OFFLINE_SINCE_KEY);
    else localStorage.setItem(OFFLINE_SINCE_KEY, String(since));
  } catch {
    // Storage refused (private modes): the notice then says "since this page opened".
  }
}

/**
 * The browser's network state with times: since when it has been offline (kept across reloads)
 * and when it came back. `navigator.onLine` false is certain; true only means "some network".
 */
export class NetworkStatus {
  online = $state(true);
  /** When the network went away; null while online. */
  offlineSinceMs = $state<number | null>(null);
  /** True when the offline moment predates this page (it opened offline with nothing recorded). */
  sinceOpened = $state(false);
  /** When it last came back during this page's life; null if it never went away. */
  backOnlineAtMs = $state<number | null>(null);

  constructor() {
    if (typeof navigator === 'undefined') return;
    this.online = navigator.onLine;
    if (!this.online) {
      const since = storedSince();
      this.offlineSinceMs = since ?? Date.now();
      this.sinceOpened = since === null;
      if (since === null) remember(this.offlineSinceMs);
    } else remember(null);
    addEventListener('offline', () => this.wentOffline());
    addEventListener('online', () => this.cameBack());
  }

  private wentOffline(): void {
    this.online = false;
    this.offlineSinceMs = Date.now();
    this.sinceOpened = false;
    remember(this.offlineSinceMs);
  }

  private cameBack(): void {
    this.online = true;
    this.backOnlineAtMs = Date.now();
    remember(null);
  }
}
