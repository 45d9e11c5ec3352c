import { describe, expect, it } from 'vitest';
import { checkEndpoint, isLoopbackHost, originOf } from './endpoint-policy';

const error = (text: string, kind: 'ws' | 'rest') => {
  const c = checkEndpoint(text, kind);
  return c.ok ? null : c.error;
};

describe('endpoint address rules', () => {
  it('takes encrypted addresses anywhere and normalises them', () => {
    const c = checkEndpoint(' WSS://Proxy.Example:443/kraken/v2/ ', 'ws');
    expect(c).toEqual({
      ok: true,
      address: {
        url: 'wss://proxy.example/kraken/v2',
        origin: 'wss://proxy.example',
        scheme: 'wss',
        host: 'proxy.example',
        loopback: false,
      },
    });
    expect(checkEndpoint('https://proxy.example:8443/binance?x=1', 'rest')).toMatchObject({
      ok: true,
      address: { origin: 'https://proxy.example:8443', url: 'https://proxy.example:8443/binance?x=1' },
    });
  });

  it('allows plain ws/http only to loopback', () => {
    for (const host of ['127.0.0.1:9443', 'localhost', '127.8.9.10:1', '[::1]:9443']) {
      expect(checkEndpoint(`ws://${host}/x`, 'ws').ok).toBe(true);
      expect(checkEndpoint(`http://${host}/x`, 'rest').ok).toBe(true);
    }
    for (const host of [
      'attacker.example',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.attacker.example',
      '127.0.0.1.nip.io',
    ]) {
      expect(error(`ws://${host}/x`, 'ws')).toMatch(/^ws:\/\/ is unencrypted and allowed only for this computer/);
      expect(error(`http://${host}/x`, 'rest')).toMatch(/^http:\/\/ is unencrypted/);
    }
    // Numeric shorthands a browser would read as an IPv4 address are not hosts we accept.
    expect(error('ws://127.1:9/x', 'ws')).toMatch(/no valid host/);
    expect(error('wss://0x7f.1/x', 'ws')).toMatch(/no valid host/);
    expect(error('wss://2130706433/x', 'ws')).toMatch(/no valid host/);
  });

  it('refuses the wrong scheme, credentials, junk and bad ports with a reason', () => {
    expect(error('https://proxy.example', 'ws')).toBe(
      '"https://proxy.example" must start with wss:// (or ws:// for this computer)',
    );
    expect(error('wss://proxy.example', 'rest')).toMatch(/must start with https:\/\//);
    expect(error('javascript:alert(1)', 'rest')).toMatch(/is not an address like https:\/\/proxy\.example\/path/);
    expect(error('wss://me:pw@proxy.example', 'ws')).toMatch(/user name or password/);
    expect(error('ws://127.0.0.1@attacker.example', 'ws')).toMatch(/user name or password/);
    expect(error('wss://proxy.example:70000', 'ws')).toMatch(/no valid host/);
    expect(error('wss://prox y.example', 'ws')).toMatch(/not an address/);
    expect(error('wss://proxy.example\\@evil', 'ws')).toMatch(/not an address/);
    expect(error('wss://', 'ws')).toMatch(/no valid host/);
    expect(error('wss://proxy.example/#frag', 'ws')).toMatch(/not an address/);
  });

  it('names origins with the default port left out', () => {
    expect(originOf('wss://ws.finnhub.io')).toBe('wss://ws.finnhub.io');
    expect(originOf('wss://WS.finnhub.io:443/x?token=1')).toBe('wss://ws.finnhub.io');
    expect(originOf('ws://127.0.0.1:9443/finnhub')).toBe('ws://127.0.0.1:9443');
    expect(originOf('wss://ws.finnhub.io@evil.example/')).toBe('wss://evil.example');
    expect(originOf('not a url')).toBeNull();
    expect(isLoopbackHost('127.255.255.255')).toBe(true);
    expect(isLoopbackHost('127.256.0.1')).toBe(false);
  });
});
