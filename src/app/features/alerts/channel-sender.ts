import type { AlertChannel } from '../../../core/alerts/channels/channel-config';
import {
  channelRequest,
  readAnswer,
  type ChannelContext,
  type SendOutcome,
} from '../../../core/alerts/channels/channel-request';
import type { AlertFiring } from '../../../core/alerts';

const SEND_TIMEOUT_MS = 10_000;

/**
 * Sends one firing to one channel from the page (held to the page's connection policy, which
 * admits a channel's host only once the user confirmed it). A request the browser refuses —
 * CORS, the policy, no network — rejects with a TypeError that says nothing more; it is reported
 * as such, never with the URL (a Telegram URL holds the bot token).
 */
export async function sendToChannel(
  channel: AlertChannel,
  firing: AlertFiring,
  ctx: ChannelContext,
): Promise<SendOutcome> {
  const request = channelRequest(channel, firing, ctx);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      mode: 'cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: abort.signal,
    });
    return readAnswer(channel, res.status, await res.text());
  } catch (error) {
    if (abort.signal.aborted)
      return { ok: false, error: `no answer from ${request.shownUrl} in ${SEND_TIMEOUT_MS / 1000} s` };
    return {
      ok: false,
      error: `refused by the browser for ${request.shownUrl} (CORS, connection policy or network)${error instanceof TypeError ? '' : `: ${String(error)}`}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
