import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_VENUES, VENUE_PROFILES } from '../exchange/registry';
import { originOf } from '../feed/endpoint-policy';
import { DEFAULT_REST } from '../instruments/listing';
import { pagePolicy, serverPolicy, venueOrigins } from './content-security-policy';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...v]) => [name as string, v]),
  );

describe('content security policy', () => {
  it('admits every default endpoint of every venue, from the venues own constants', () => {
    const origins = venueOrigins();
    for (const venue of LIVE_VENUES) {
      const profile = VENUE_PROFILES[venue];
      const bases = [
        ...profile.endpoints.map((e) => e.defaultBase),
        ...profile.backfill.map((b) => b.defaultBase),
        DEFAULT_REST[venue],
      ];
      for (const base of bases) expect(origins, `${venue} ${base}`).toContain(originOf(base));
    }
    // Any address constant in a venue's wire module is a default someone could forget.
    const exchangeDir = join(__dirname, '../exchange');
    for (const dir of readdirSync(exchangeDir, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      const wire = join(exchangeDir, dir.name, 'wire.ts');
      let text: string;
      try {
        text = readFileSync(wire, 'utf8');
      } catch {
        continue;
      }
      for (const m of text.matchAll(/export const \w+ = '((?:wss|https):\/\/[^']+)'/g)) {
        expect(origins, `${dir.name}: ${m[1]}`).toContain(originOf(m[1] as string));
      }
    }
    expect(origins).toContain('wss://ws.finnhub.io');
    expect(origins).toContain('https://api.binance.com');
  });

  it('the page policy narrows connections to the venues, loopback and confirmed endpoints', () => {
    const page = directives(pagePolicy(['wss://proxy.example:8443', 'ws://[::1]:9']));
    const connect = page.get('connect-src') ?? [];
    expect(connect).toContain("'self'");
    expect(connect).toContain('wss://proxy.example:8443');
    expect(connect).toContain('ws://127.0.0.1:*');
    expect(connect).toContain('http://localhost:*');
    expect(connect).not.toContain('https:');
    expect(connect).not.toContain('wss:');
    expect(connect.some((s) => s.includes('['))).toBe(false);
    // A meta tag cannot carry frame-ancestors (the browser ignores it with an error).
    expect(page.has('frame-ancestors')).toBe(false);
  });

  it('neither policy lets scripts run inline or through eval', () => {
    for (const policy of [pagePolicy([]), serverPolicy()]) {
      const d = directives(policy);
      expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'self'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(policy).not.toMatch(/'unsafe-eval'/);
    }
    const server = directives(serverPolicy());
    expect(server.get('frame-ancestors')).toEqual(["'none'"]);
    expect(server.get('connect-src')).toEqual([
      "'self'",
      'https:',
      'wss:',
      'ws://127.0.0.1:*',
      'ws://localhost:*',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
  });

  it('the README gives hosts the exact header the build serves', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(`add_header Content-Security-Policy "${serverPolicy()}" always;`);
  });
});
