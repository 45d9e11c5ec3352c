import { existsSync } from 'node:fs';

/** Flags that keep Chromium quiet on a closed network (no background fetches to Google). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The Chromium to drive: $CHROMIUM_PATH, else the system one (Debian's `chromium` package),
 * else undefined, which lets Playwright use its own download (`npx playwright install chromium`).
 */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}
