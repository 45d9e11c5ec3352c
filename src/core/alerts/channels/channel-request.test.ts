import { describe, expect, it } from 'vitest';
import { alertMessage } from './alert-message';
import {
  checkChannel,
  isConfirmed,
  type NtfyChannel,
  type TelegramChannel,
  type WebhookChannel,
} from './channel-config';
import { channelRequest, readAnswer } from './channel-request';
import { priceFiring } from './test-firing';

const base = { enabled: true, confirmedOrigin: '', minPriority: 'normal' as const };
const telegram: TelegramChannel = {
  ...base,
  id: 'telegram-1',
  label: 'Telegram',
  kind: 'telegram',
  apiBase: 'https://api.telegram.org',
  botToken: '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  chatId: '-1001234567890',
};
const ntfy: NtfyChannel = {
  ...base,
  id: 'ntfy-1',
  label: 'ntfy',
  kind: 'ntfy',
  server: 'https://ntfy.sh/',
  topic: 'tw_alerts',
  accessToken: '',
};
const hook: WebhookChannel = {
  ...base,
  id: 'webhook-1',
  label: 'Hook',
  kind: 'webhook',
  url: 'https://hooks.example/T0/abc?k=secret',
};
const ctx = {
  appOrigin: 'https://tapewatch.example',
  targetPath: '/?show=binance-spot%3ABTCUSDT&tf=1m&bar=1704110580000&rule=px-up',
};

describe('alert message', () => {
  it('names the instrument, the rule, the reason and the bar, with one tag per rule', () => {
    const m = alertMessage(priceFiring());
    expect(m).toEqual({
      title: 'BTCUSDT · BTC above 57000',
      body: 'close 57010.5 crossed above 57000 · 1m bar 2024-01-01 12:03 UTC',
      tag: 'tapewatch-alert:px-up',
    });
    expect(alertMessage(priceFiring({ priority: 'critical', intrabar: true, timeframe: '1s' })).body).toBe(
      'close 57010.5 crossed above 57000 · 1s bar 2024-01-01 12:03:00 UTC (bar still forming)',
    );
  });
});

describe('channel requests', () => {
  it('Telegram: a form post (no preflight) to sendMessage, the token masked wherever it is shown', () => {
    const r = channelRequest(telegram, priceFiring(), ctx);
    expect(r.url).toBe('https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage');
    expect(r.shownUrl).toBe('https://api.telegram.org/bot••••/sendMessage');
    expect(r.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
    const form = new URLSearchParams(r.body);
    expect(form.get('chat_id')).toBe('-1001234567890');
    expect(form.get('text')).toBe(
      'BTCUSDT · BTC above 57000\nclose 57010.5 crossed above 57000 · 1m bar 2024-01-01 12:03 UTC\nhttps://tapewatch.example/?show=binance-spot%3ABTCUSDT&tf=1m&bar=1704110580000&rule=px-up',
    );
  });

  it('ntfy: JSON to the server root as text/plain, priority from the firing, a bearer token only when given', () => {
    const r = channelRequest(ntfy, priceFiring({ priority: 'critical' }), ctx);
    expect(r.url).toBe('https://ntfy.sh/');
    expect(r.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' });
    const json = JSON.parse(r.body);
    expect(json).toMatchObject({ topic: 'tw_alerts', priority: 5, message: expect.stringContaining('crossed above') });
    expect(json.click).toBe(`https://tapewatch.example${ctx.targetPath}`);
    expect(channelRequest({ ...ntfy, accessToken: 'tk_abc' }, priceFiring(), ctx).headers['Authorization']).toBe(
      'Bearer tk_abc',
    );
  });

  it('webhook: the firing as JSON, the URL shown by origin only (it may carry a secret)', () => {
    const r = channelRequest(hook, priceFiring(), ctx);
    expect(r.shownUrl).toBe('https://hooks.example/…');
    expect(JSON.parse(r.body)).toMatchObject({
      source: 'tapewatch',
      rule: 'px-up',
      value: '57010.5',
      priority: 'normal',
    });
  });

  it('reads Telegram refusals, retry_after and plain statuses', () => {
    expect(readAnswer(telegram, 200, '{"ok":true,"result":{}}')).toEqual({ ok: true });
    expect(readAnswer(telegram, 401, '{"ok":false,"error_code":401,"description":"Unauthorized"}')).toEqual({
      ok: false,
      error: 'HTTP 401: Unauthorized',
    });
    expect(
      readAnswer(
        telegram,
        429,
        '{"ok":false,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}',
      ),
    ).toEqual({ ok: false, error: 'HTTP 429: Too Many Requests: retry after 7', retryAfterMs: 7000 });
    expect(readAnswer(hook, 204, '')).toEqual({ ok: true });
    expect(readAnswer(ntfy, 500, 'boom')).toEqual({ ok: false, error: 'HTTP 500' });
  });
});

describe('channel checks', () => {
  it('holds channel addresses to the endpoint rules and confirms one origin', () => {
    expect(checkChannel(telegram)).toEqual({ ok: true, origin: 'https://api.telegram.org' });
    expect(checkChannel({ ...hook, url: 'http://hooks.example/x' })).toMatchObject({ ok: false });
    expect(checkChannel({ ...hook, url: 'http://127.0.0.1:9000/hook' })).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:9000',
    });
    expect(checkChannel({ ...hook, url: 'https://user:pw@hooks.example/x' })).toMatchObject({ ok: false });
    expect(checkChannel({ ...telegram, botToken: 'nope' })).toMatchObject({ ok: false });
    expect(checkChannel({ ...ntfy, topic: 'a b' })).toMatchObject({ ok: false });
    expect(isConfirmed(hook)).toBe(false);
    expect(isConfirmed({ ...hook, confirmedOrigin: 'https://hooks.example' })).toBe(true);
    // Moving the address elsewhere voids the confirmation.
    expect(isConfirmed({ ...hook, url: 'https://evil.example/x', confirmedOrigin: 'https://hooks.example' })).toBe(
      false,
    );
  });
});
