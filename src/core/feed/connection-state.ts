/** What the user sees about a connection; each state is shown distinctly. */
export type ConnectionState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'live'; readonly sinceMs: number }
  /** Open but silent longer than the venue's budget; a reconnect follows. */
  | { readonly kind: 'stale'; readonly silentMs: number }
  | {
      readonly kind: 'reconnecting';
      readonly nextAttemptAtMs: number;
      readonly attempt: number;
      readonly lastError?: string;
    }
  /** HTTP 451/403 on the venue's REST: this region is blocked. */
  | { readonly kind: 'region-blocked'; readonly detail: string }
  /** The venue refused the subscription (bad symbol, bad token). */
  | { readonly kind: 'rejected'; readonly detail: string }
  | { readonly kind: 'offline' }
  /** Not retrying: the demo feed took over; one connection tries again at `nextProbeAtMs` (and on `online`). */
  | { readonly kind: 'paused'; readonly detail: string; readonly nextProbeAtMs: number }
  | { readonly kind: 'stopped' };

export type ConnectionStateKind = ConnectionState['kind'];
