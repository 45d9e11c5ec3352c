import { LIVE_VENUES, VENUE_META } from '../exchange/venues';
import { originOf } from '../feed/endpoint-policy';

/**
 * The app's Content-Security-Policy, in two layers that the browser enforces together (a request
 * must pass both):
 * - the server header (`serverPolicy`): the strict base plus what a meta tag cannot carry
 *   (`frame-ancestors`); its `connect-src` admits any encrypted origin, because a user's confirmed
 *   proxy cannot be known to a static server;
 * - the page's meta tag (`pagePolicy`), written at boot before anything connects: `connect-src`
 *   narrowed to the venues' default hosts, loopback and the user's confirmed endpoints. The feed
 *   worker is started from a blob URL so that it inherits this policy from the page (a worker
 *   loaded from its own URL would get only the header's).
 *
 * Styles allow 'unsafe-inline' (styles only, never scripts): Svelte builds its DOM from HTML
 * template strings, so static `style="…"` attributes in components are parsed markup, and
 * lightweight-charts sizes its canvases with inline styles. A style cannot run code, and with
 * `img-src`/`font-src`/`connect-src` closed a style cannot send data anywhere either.
 */

/** Every origin a venue's default endpoints use: websockets, REST for listing, probe and backfill. */
export function venueOrigins(): string[] {
  const bases: string[] = [];
  for (const venue of LIVE_VENUES) {
    const meta = VENUE_META[venue];
    for (const endpoint of meta.websockets) bases.push(endpoint.defaultBase);
    bases.push(...meta.backfillBases, meta.rest);
  }
  const origins = new Set<string>();
  for (const base of bases) {
    const origin = originOf(base);
    if (origin === null) throw new Error(`a venue's default endpoint has no origin: ${base}`);
    origins.add(origin);
  }
  return [...origins].sort();
}

/** Plain websockets and HTTP to this computer, any port: the local test exchange and local proxies. */
export const LOOPBACK_SOURCES: readonly string[] = [
  'ws://127.0.0.1:*',
  'ws://localhost:*',
  'http://127.0.0.1:*',
  'http://localhost:*',
];

/** Everything but `connect-src` and the header-only directives. */
const BASE_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // wasm (TF.js backends) needs compilation; no inline script and no eval, ever.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // blob: is the feed worker's bootstrap (see above); the service worker is same-origin.
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

function connectSrc(sources: readonly string[]): string {
  return ['connect-src', "'self'", ...sources].join(' ');
}

/**
 * The page's policy for its meta tag: connections only to the venues' own hosts, loopback and
 * `confirmedOrigins` (the user's confirmed custom endpoints, as `originOf` gives them).
 */
export function pagePolicy(confirmedOrigins: readonly string[]): string {
  // CSP source expressions cannot name IPv6 literals; [::1] is reachable only if the browser maps it.
  const extra = confirmedOrigins.filter((o) => !o.includes('['));
  const sources = [...new Set([...venueOrigins(), ...LOOPBACK_SOURCES, ...extra])];
  return [...BASE_DIRECTIVES, connectSrc(sources)].join('; ');
}

/** The server's header for every response (document, scripts, workers, service worker). */
export function serverPolicy(): string {
  return [...BASE_DIRECTIVES, connectSrc(['https:', 'wss:', ...LOOPBACK_SOURCES]), "frame-ancestors 'none'"].join('; ');
}

/** Headers to serve with the build, wherever it is hosted. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': serverPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
