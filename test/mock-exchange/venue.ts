import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/** Faults any venue can be told to inject. */
export interface Faults {
  /** Socket stays open but sends nothing (half-open, retired URL). */
  silent: boolean;
  /** HTTP status every REST call answers with instead of data (451 geo-block, 429 limits). */
  restStatus: number | null;
  /** Frames sent before every data frame (garbage, unknown types). */
  garbage: string[];
}

/** One venue's wire protocol on the mock: its websocket paths and REST routes. */
export interface MockVenue {
  readonly name: string;
  /** Does this venue serve the websocket upgrade at this path? */
  acceptsWs(url: URL): boolean;
  onConnection(socket: WebSocket, url: URL): void;
  /** Handles a REST request; returns false if the route is not this venue's. */
  handleHttp(url: URL, req: IncomingMessage, res: ServerResponse): boolean;
  /** Closes every open socket (a venue-side drop). */
  dropAll(code?: number): void;
  readonly connectionsOpened: number;
  readonly openConnections: number;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    // Simple GETs are CORS-enabled on the venues we mirror.
    'access-control-allow-origin': '*',
  });
  res.end(JSON.stringify(body));
}
