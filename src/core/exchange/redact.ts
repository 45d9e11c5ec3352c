/**
 * Keeps credentials out of anything we print, log or show: Finnhub puts its API key in the
 * websocket URL (`?token=`), the only place a browser can put it.
 */

const MASK = '***';

/** Query parameter and JSON field names that carry credentials. */
const SECRET_NAMES = 'token|access_token|api[_-]?key|apikey|key|secret|signature|passphrase|password';

const QUERY_SECRET = new RegExp(`((?:^|[?&;\\s])(?:${SECRET_NAMES})=)[^&#\\s"']*`, 'gi');
const JSON_SECRET = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*")[^"]*(")`, 'gi');

/**
 * A URL safe to print: credential query values become `***`; user:password is removed.
 * Works on anything URL-shaped, even when it does not parse as a URL.
 */
export function redactUrl(url: string): string {
  let out = url.replace(QUERY_SECRET, `$1${MASK}`);
  // wss://user:pass@host → wss://***@host
  const scheme = out.indexOf('://');
  if (scheme >= 0) {
    const hostStart = scheme + 3;
    let hostEnd = out.length;
    for (const stop of ['/', '?', '#']) {
      const at = out.indexOf(stop, hostStart);
      if (at >= 0 && at < hostEnd) hostEnd = at;
    }
    const at = out.lastIndexOf('@', hostEnd);
    if (at >= hostStart) out = `${out.slice(0, hostStart)}${MASK}${out.slice(at)}`;
  }
  return out;
}

/** Free text (reject samples, error details) with credential query values and JSON fields masked. */
export function redactSecrets(text: string): string {
  // Cheap pre-check: most samples carry no '=' or '"key"'-like field at all.
  if (text.indexOf('=') < 0 && text.indexOf('"') < 0) return text;
  return text.replace(QUERY_SECRET, `$1${MASK}`).replace(JSON_SECRET, `$1${MASK}$2`);
}
