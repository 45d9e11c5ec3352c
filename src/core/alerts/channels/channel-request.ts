import type { AlertFiring } from '../firing';
import { originOf } from '../../feed/endpoint-policy';
import { alertMessage } from './alert-message';
import { formEncode } from './alert-target';
import type { AlertChannel, NtfyChannel, TelegramChannel, WebhookChannel } from './channel-config';

/** One HTTP request to a channel, built without touching the network (the page sends it). */
export interface ChannelRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The URL with secrets replaced, for anything shown or kept (errors, the delivery log). */
  readonly shownUrl: string;
}

/** What the request says about the firing, with a link back to the bar (absolute, same origin). */
export interface ChannelContext {
  /** The app's origin (`https://tapewatch.example`), for the link in the message. */
  readonly appOrigin: string;
  /** The firing's target path (`/?show=…`), or null when it has none. */
  readonly targetPath: string | null;
}

const trimBase = (base: string) => base.replace(/\/+$/, '');

function linkOf(ctx: ChannelContext): string | null {
  return ctx.targetPath === null ? null : `${ctx.appOrigin}${ctx.targetPath}`;
}

/**
 * Telegram `sendMessage` as a form post: `application/x-www-form-urlencoded` is a CORS-safelisted
 * type, so the browser sends it without a preflight. The token is part of the path (Telegram's
 * design), so `shownUrl` masks it.
 */
function telegram(channel: TelegramChannel, firing: AlertFiring, ctx: ChannelContext): ChannelRequest {
  const m = alertMessage(firing);
  const link = linkOf(ctx);
  const text = [m.title, m.body, link].filter((s) => s !== null).join('\n');
  const body = formEncode({ chat_id: channel.chatId, text, disable_web_page_preview: 'true' });
  const base = trimBase(channel.apiBase);
  return {
    url: `${base}/bot${channel.botToken}/sendMessage`,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    shownUrl: `${base}/bot••••/sendMessage`,
  };
}

const NTFY_PRIORITY = { critical: 5, normal: 3, info: 2 } as const;

/**
 * ntfy's JSON publishing: a POST of a JSON object to the server root. The body goes as
 * `text/plain` (ntfy reads JSON from it), a safelisted type, so without an access token there
 * is no preflight; with one, the `Authorization` header makes the browser ask first (ntfy answers).
 */
function ntfy(channel: NtfyChannel, firing: AlertFiring, ctx: ChannelContext): ChannelRequest {
  const m = alertMessage(firing);
  const link = linkOf(ctx);
  const payload: Record<string, unknown> = {
    topic: channel.topic,
    title: m.title,
    message: m.body,
    priority: NTFY_PRIORITY[firing.priority],
    tags: ['chart_with_upwards_trend', firing.kind],
  };
  if (link !== null) payload['click'] = link;
  const headers: Record<string, string> = { 'Content-Type': 'text/plain;charset=UTF-8' };
  if (channel.accessToken !== '') headers['Authorization'] = `Bearer ${channel.accessToken}`;
  const base = trimBase(channel.server);
  return { url: `${base}/`, method: 'POST', headers, body: JSON.stringify(payload), shownUrl: `${base}/` };
}

/** The webhook's JSON body: the firing as the `alerts` command prints it, plus what a reader needs. */
export function webhookPayload(firing: AlertFiring, ctx: ChannelContext): Record<string, unknown> {
  const m = alertMessage(firing);
  return {
    source: 'tapewatch',
    rule: firing.ruleId,
    name: firing.ruleName,
    kind: firing.kind,
    instrument: firing.instrument,
    other: firing.other ?? null,
    timeframe: firing.timeframe,
    open_time_ms: firing.openTimeMs,
    fired_at_ms: firing.firedAtMs,
    value: firing.value,
    values: firing.values,
    priority: firing.priority,
    reason: firing.reason,
    dedup_key: firing.dedupKey,
    title: m.title,
    text: m.body,
    url: linkOf(ctx),
  };
}

/** A JSON POST: `application/json` is not safelisted, so the receiver must answer the preflight. */
function webhook(channel: WebhookChannel, firing: AlertFiring, ctx: ChannelContext): ChannelRequest {
  const url = channel.url.trim();
  return {
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(webhookPayload(firing, ctx)),
    // A webhook URL often carries its secret in the path or query (Slack, Discord): show the origin only.
    shownUrl: `${originOf(url) ?? 'webhook'}/…`,
  };
}

export function channelRequest(channel: AlertChannel, firing: AlertFiring, ctx: ChannelContext): ChannelRequest {
  switch (channel.kind) {
    case 'telegram':
      return telegram(channel, firing, ctx);
    case 'ntfy':
      return ntfy(channel, firing, ctx);
    case 'webhook':
      return webhook(channel, firing, ctx);
  }
}

export type SendOutcome =
  { readonly ok: true } | { readonly ok: false; readonly error: string; readonly retryAfterMs?: number };

/**
 * What a channel's answer means. Telegram answers `{"ok":false,"description":…}` on refusal (and
 * `parameters.retry_after` seconds on 429); ntfy and webhooks by status alone.
 */
export function readAnswer(channel: AlertChannel, status: number, body: string): SendOutcome {
  let description: string | null = null;
  let retryAfterMs: number | undefined;
  if (channel.kind === 'telegram') {
    try {
      const json = JSON.parse(body) as { ok?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
      if (json.ok === true && status >= 200 && status < 300) return { ok: true };
      if (typeof json.description === 'string') description = json.description.slice(0, 200);
      const after = json.parameters?.retry_after;
      if (typeof after === 'number' && after > 0) retryAfterMs = after * 1000;
    } catch {
      // Not Telegram's JSON: judged by status below.
    }
  } else if (status >= 200 && status < 300) {
    return { ok: true };
  }
  const error = `HTTP ${status}${description === null ? '' : `: ${description}`}`;
  return retryAfterMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs };
}
