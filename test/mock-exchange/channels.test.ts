import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChannel } from '../../src/core/alerts/channels/channel-config';
import { channelRequest, readAnswer } from '../../src/core/alerts/channels/channel-request';
import { priceFiring } from '../../src/core/alerts/channels/test-firing';
import { MockExchange } from './server';

let mock: MockExchange;
beforeAll(async () => {
  mock = await MockExchange.start();
});
afterAll(() => mock.stop());

const ctx = { appOrigin: 'http://127.0.0.1:4173', targetPath: '/?show=binance-spot%3ABTCUSDT&tf=1m&bar=0&rule=px-up' };
const base = { enabled: true, minPriority: 'normal' as const, confirmedOrigin: '' };

async function send(channel: AlertChannel) {
  const r = channelRequest(channel, priceFiring(), ctx);
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
  return { res, outcome: readAnswer(channel, res.status, await res.text()) };
}

describe('channel mocks', () => {
  it('take what the app builds for each channel, with CORS like the real services', async () => {
    const telegram: AlertChannel = {
      ...base,
      id: 't',
      label: 't',
      kind: 'telegram',
      apiBase: `${mock.httpBase}/telegram`,
      botToken: '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
      chatId: '42',
    };
    const sent = await send(telegram);
    expect(sent.outcome).toEqual({ ok: true });
    expect(sent.res.headers.get('access-control-allow-origin')).toBe('*');
    const form = new URLSearchParams(mock.channels.of('telegram')[0]!.body);
    expect(form.get('chat_id')).toBe('42');
    expect(form.get('text')).toContain('crossed above 57000');

    mock.channels.telegramTokens.add('999:other-token-that-is-long-enough');
    expect((await send(telegram)).outcome).toEqual({ ok: false, error: 'HTTP 401: Unauthorized' });
    mock.channels.telegramTokens.clear();

    const ntfy: AlertChannel = {
      ...base,
      id: 'n',
      label: 'n',
      kind: 'ntfy',
      server: `${mock.httpBase}/ntfy`,
      topic: 'tw',
      accessToken: '',
    };
    expect((await send(ntfy)).outcome).toEqual({ ok: true });
    expect(JSON.parse(mock.channels.of('ntfy')[0]!.body)).toMatchObject({ topic: 'tw', priority: 3 });

    const hook: AlertChannel = { ...base, id: 'w', label: 'w', kind: 'webhook', url: `${mock.httpBase}/webhook/desk` };
    const preflight = await fetch(`${mock.httpBase}/webhook/desk`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Content-Type');
    mock.channels.webhookCors = false;
    const refused = await fetch(`${mock.httpBase}/webhook/desk`, { method: 'OPTIONS' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    mock.channels.webhookCors = true;
    mock.channels.failing.set('webhook', 'error');
    expect((await send(hook)).outcome).toEqual({ ok: false, error: 'HTTP 500' });
    mock.channels.failing.set('webhook', 'down');
    await expect(send(hook)).rejects.toThrow();
    mock.channels.failing.clear();
    expect((await send(hook)).outcome).toEqual({ ok: true });
    expect(JSON.parse(mock.channels.of('webhook')[0]!.body)).toMatchObject({ source: 'tapewatch', rule: 'px-up' });
  });
});
