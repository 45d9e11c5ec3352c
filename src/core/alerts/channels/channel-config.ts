import { checkEndpoint } from '../../feed/endpoint-policy';
import type { AlertPriority } from '../rule';

/**
 * Channels beyond the browser, each opted into by the user with their own credentials. Nothing
 * is sent to a channel until its destination origin has been shown and confirmed
 * (`confirmedOrigin` equals `destinationOrigin(channel)`): changing the address, by typing or by
 * import, voids the confirmation.
 */
interface ChannelBase {
  /** Unique among the channels: `telegram-1`, `webhook-2`. */
  readonly id: string;
  /** Shown in the alert center. */
  readonly label: string;
  readonly enabled: boolean;
  /** The origin the user confirmed (scheme, host, port); '' until they did. */
  readonly confirmedOrigin: string;
  /** Only firings at or above this priority are sent. Default `normal`. */
  readonly minPriority: AlertPriority;
}

/** Telegram Bot API `sendMessage` (seed 004). */
export interface TelegramChannel extends ChannelBase {
  readonly kind: 'telegram';
  /** `https://api.telegram.org`, or a proxy / the test endpoint. */
  readonly apiBase: string;
  /** From @BotFather (`123456:ABC-…`); a secret. */
  readonly botToken: string;
  /** A user, group or channel id (`-100…`, `@channel`). */
  readonly chatId: string;
}

/** An ntfy topic on ntfy.sh or a self-hosted server. */
export interface NtfyChannel extends ChannelBase {
  readonly kind: 'ntfy';
  /** `https://ntfy.sh` or a self-hosted server. */
  readonly server: string;
  /** The topic name; on a public server the name is the password. */
  readonly topic: string;
  /** An access token (`tk_…`) for a protected topic; '' for none. A secret. */
  readonly accessToken: string;
}

/** Any HTTPS endpoint that takes a JSON POST. */
export interface WebhookChannel extends ChannelBase {
  readonly kind: 'webhook';
  readonly url: string;
}

export type AlertChannel = TelegramChannel | NtfyChannel | WebhookChannel;
export type ChannelKind = AlertChannel['kind'];

export const TELEGRAM_API = 'https://api.telegram.org';
export const NTFY_SERVER = 'https://ntfy.sh';

/** The address a channel sends to (its base), before any path. */
export function channelBase(channel: AlertChannel): string {
  switch (channel.kind) {
    case 'telegram':
      return channel.apiBase;
    case 'ntfy':
      return channel.server;
    case 'webhook':
      return channel.url;
  }
}

export type ChannelCheck =
  { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly error: string };

const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
const BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/;

/**
 * Whether a channel can be used: its address obeys the same rules as a venue endpoint (HTTPS;
 * plain HTTP only to this computer; no user name or password in it) and its fields have their
 * service's shape. The origin is what the user confirms and what enters the page's policy.
 */
export function checkChannel(channel: AlertChannel): ChannelCheck {
  const address = checkEndpoint(channelBase(channel), 'rest');
  if (!address.ok) return { ok: false, error: address.error };
  if (channel.kind === 'telegram') {
    if (!BOT_TOKEN.test(channel.botToken))
      return { ok: false, error: 'The bot token looks like 123456:ABC… (from @BotFather)' };
    if (!CHAT_ID.test(channel.chatId)) return { ok: false, error: 'The chat id is a number (-100…) or @channelname' };
  }
  if (channel.kind === 'ntfy') {
    if (!TOPIC.test(channel.topic)) return { ok: false, error: 'A topic is 1–64 letters, digits, _ or -' };
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\s\u0000-\u001f]/.test(channel.accessToken)) return { ok: false, error: 'The access token has spaces in it' };
  }
  return { ok: true, origin: address.address.origin };
}

/** The origin a channel would reach, or null when its address is not valid. */
export function destinationOrigin(channel: AlertChannel): string | null {
  const check = checkChannel(channel);
  return check.ok ? check.origin : null;
}

/** Confirmed and still pointing where it was confirmed. */
export function isConfirmed(channel: AlertChannel): boolean {
  const origin = destinationOrigin(channel);
  return origin !== null && origin === channel.confirmedOrigin;
}

const RANK: Readonly<Record<AlertPriority, number>> = { info: 0, normal: 1, critical: 2 };

/** Whether a firing of `priority` goes to this channel at all. */
export function channelWants(channel: AlertChannel, priority: AlertPriority): boolean {
  return channel.enabled && RANK[priority] >= RANK[channel.minPriority];
}
