import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local Binance-spot-shaped trade stream for `tick-to-paint`: every connection gets BTCUSDT
 * trades, one per frame, ids 1, 2, 3 … (so the n-th frame a client receives carries trade n), at
 * `framesPerSec` on average, in 5 ms bursts. REST answers 200 `[]` (the feed's probe).
 */
export async function startTickSocket(framesPerSec: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end('[]');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket: WebSocket) => stream(socket, framesPerSec));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

function stream(socket: WebSocket, framesPerSec: number): void {
  const startMs = Date.now();
  let sent = 0;
  let price = 67_000;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - startMs) / 1000) * framesPerSec);
    for (; sent < due; sent++) {
      const id = sent + 1;
      price = Math.max(1, price + (Math.random() - 0.5) * 2);
      const now = Date.now();
      const data = {
        e: 'trade',
        E: now,
        s: 'BTCUSDT',
        t: id,
        p: price.toFixed(2),
        q: '0.01000',
        T: now,
        m: id % 3 === 0,
        M: true,
      };
      socket.send(JSON.stringify({ stream: 'btcusdt@trade', data }));
    }
  }, 5);
  socket.on('close', () => clearInterval(timer));
  socket.on('error', () => clearInterval(timer));
}
