/**
 * Which addresses a venue endpoint may have. Encrypted schemes (`wss:`, `https:`) go anywhere the
 * user confirms; plain `ws:`/`http:` only to this computer (a local test exchange or proxy), where
 * nobody on the network can read or rewrite the traffic. Credentials in the address are refused:
 * they would travel with every request and show in every log.
 */

export type EndpointKind = 'ws' | 'rest';

export interface EndpointAddress {
  /** The address as it will be used: trimmed, trailing slashes removed. */
  readonly url: string;
  /** Scheme, host and port, default port omitted ("wss://proxy.example", "ws://127.0.0.1:9443"). */
  readonly origin: string;
  readonly scheme: string;
  /** Host as written in a URL ("proxy.example", "127.0.0.1", "[::1]"), lower case. */
  readonly host: string;
  readonly loopback: boolean;
}

export type EndpointCheck =
  { readonly ok: true; readonly address: EndpointAddress } | { readonly ok: false; readonly error: string };

const SCHEMES: Readonly<Record<EndpointKind, { readonly secure: string; readonly plain: string }>> = {
  ws: { secure: 'wss', plain: 'ws' },
  rest: { secure: 'https', plain: 'http' },
};

const DEFAULT_PORT: Readonly<Record<string, string>> = { wss: '443', https: '443', ws: '80', http: '80' };

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function ipv4Octets(host: string): number[] | null {
  const m = DOTTED_QUAD.exec(host);
  if (m === null) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** localhost, 127.0.0.0/8 or [::1]: addresses that never leave this computer. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  const octets = ipv4Octets(h);
  return octets !== null && octets[0] === 127;
}

/**
 * A host the browser will read the same way we do. Numeric shorthands ("127.1", "0x7f.1") are
 * refused: a browser reads them as IPv4 addresses, so they would dodge the loopback rule.
 */
function validHost(host: string): boolean {
  if (host === '[::1]') return true;
  if (host.startsWith('[')) return /^\[[0-9a-f:.]+\]$/.test(host);
  const labels = host.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (/^(\d+|0x[0-9a-f]*)$/.test(last)) return ipv4Octets(host) !== null;
  return HOST_NAME.test(host);
}

/** Checks a websocket root (`kind` 'ws') or REST base ('rest') typed by a user or carried by a link. */
export function checkEndpoint(text: string, kind: EndpointKind): EndpointCheck {
  const { secure, plain } = SCHEMES[kind];
  const example = `${secure}://proxy.example/path`;
  const trimmed = text.trim();
  // Control characters and spaces have no place in an address (and could hide its real host).
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\s\u0000-\u001f\u007f\\]/.test(trimmed))
    return { ok: false, error: `"${trimmed}" is not an address like ${example}` };
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^#]*)$/i.exec(trimmed);
  if (m === null) return { ok: false, error: `"${trimmed}" is not an address like ${example}` };
  const scheme = (m[1] as string).toLowerCase();
  const authority = (m[2] as string).toLowerCase();
  if (scheme !== secure && scheme !== plain) {
    return { ok: false, error: `"${trimmed}" must start with ${secure}:// (or ${plain}:// for this computer)` };
  }
  if (authority.includes('@')) {
    return { ok: false, error: `"${trimmed}" carries a user name or password; endpoints take none` };
  }
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(authority);
  const host = hp?.[1] ?? '';
  const port = hp?.[2];
  if (hp === null || host === '' || !validHost(host) || (port !== undefined && Number(port) > 65535)) {
    return { ok: false, error: `"${trimmed}" has no valid host` };
  }
  const loopback = isLoopbackHost(host);
  if (scheme === plain && !loopback) {
    return {
      ok: false,
      error: `${plain}:// is unencrypted and allowed only for this computer (localhost, 127.x.x.x, [::1]): use ${secure}://${host}${port === undefined ? '' : `:${port}`} instead`,
    };
  }
  const shownPort = port === undefined || String(Number(port)) === DEFAULT_PORT[scheme] ? '' : `:${Number(port)}`;
  const origin = `${scheme}://${host}${shownPort}`;
  let rest = m[3] as string;
  while (rest.endsWith('/')) rest = rest.slice(0, -1);
  return { ok: true, address: { url: `${origin}${rest}`, origin, scheme, host, loopback } };
}

/** Scheme, host and port of an absolute URL (default port omitted), or null when it has none. */
export function originOf(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?/i.exec(url.trim());
  if (m === null) return null;
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[3] as string).toLowerCase();
  const port = m[4];
  const shownPort = port === undefined || String(Number(port)) === DEFAULT_PORT[scheme] ? '' : `:${Number(port)}`;
  return `${scheme}://${host}${shownPort}`;
}
