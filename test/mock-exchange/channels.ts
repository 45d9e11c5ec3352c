import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Stand-ins for the alert channels, under `/telegram`, `/ntfy` and `/webhook` on the mock's
 * server, answering browsers as the real services do:
 * - Telegram Bot API (`POST /telegram/bot<token>/sendMessage`, form or JSON body): answers with
 *   `Access-Control-Allow-Origin: *` and preflights, `{"ok":true,…}`, or `{"ok":false,
 *   "error_code":401,"description":"Unauthorized"}` for a token it does not know;
 * - ntfy (`POST /ntfy/` with a JSON body naming the topic, or `POST /ntfy/<topic>`): CORS open;
 * - a webhook receiver (`POST /webhook/<name>`), whose CORS answer is a setting (`webhookCors`):
 *   many receivers never answer a browser's preflight, which the browser reports as a failure.
 * `failing` makes a channel answer 500 (or, for `'down'`, drop the connection) until cleared.
 * Every accepted message is kept in `received`.
 */
export type ChannelMockName = 'telegram' | 'ntfy' | 'webhook';

export interface ReceivedMessage {
  readonly channel: ChannelMockName;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  readonly atMs: number;
}

export class ChannelMocks {
  readonly received: ReceivedMessage[] = [];
  /** Requests seen, accepted or not (including failing ones and preflights). */
  readonly requests: { channel: ChannelMockName; method: string; path: string; status: number }[] = [];
  readonly failing = new Map<ChannelMockName, 'error' | 'down'>();
  /** Bot tokens Telegram accepts; empty: any well-formed token. */
  readonly telegramTokens = new Set<string>();
  webhookCors = true;

  handleHttp(url: URL, req: IncomingMessage, res: ServerResponse): boolean {
    const channel = (['telegram', 'ntfy', 'webhook'] as const).find((c) => url.pathname.startsWith(`/${c}/`));
    if (channel === undefined) return false;
    const cors = channel !== 'webhook' || this.webhookCors;
    const corsHeaders: Record<string, string> = cors
      ? {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, PUT, POST, OPTIONS',
          'access-control-allow-headers': 'Content-Type, Authorization',
        }
      : {};
    const reply = (status: number, body: string, type = 'application/json') => {
      this.requests.push({ channel, method: req.method ?? '', path: url.pathname, status });
      res.writeHead(status, { 'content-type': type, ...corsHeaders }).end(body);
    };
    if (req.method === 'OPTIONS') {
      reply(cors ? 204 : 405, '', 'text/plain');
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const failing = this.failing.get(channel);
      if (failing === 'down') {
        this.requests.push({ channel, method: req.method ?? '', path: url.pathname, status: 0 });
        req.socket.destroy();
        return;
      }
      if (failing === 'error') {
        reply(500, JSON.stringify({ ok: false, error_code: 500, description: 'Internal Server Error' }));
        return;
      }
      if (req.method !== 'POST') return reply(405, '{}');
      const body = Buffer.concat(chunks).toString('utf8');
      if (channel === 'telegram') {
        const m = /^\/telegram\/bot([^/]+)\/sendMessage$/.exec(url.pathname);
        const token = m?.[1] ?? '';
        if (m === null || (this.telegramTokens.size > 0 && !this.telegramTokens.has(token))) {
          return reply(401, JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
        }
      }
      this.received.push({
        channel,
        path: url.pathname,
        contentType: String(req.headers['content-type'] ?? ''),
        body,
        atMs: Date.now(),
      });
      if (channel === 'telegram')
        reply(200, JSON.stringify({ ok: true, result: { message_id: this.received.length } }));
      else if (channel === 'ntfy') reply(200, JSON.stringify({ id: `m${this.received.length}`, event: 'message' }));
      else reply(200, '{"received":true}');
    });
    return true;
  }

  /** Messages one channel accepted. */
  of(channel: ChannelMockName): ReceivedMessage[] {
    return this.received.filter((m) => m.channel === channel);
  }
}
