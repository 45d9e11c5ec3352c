import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Serves the production build (`dist/`) on a port of its own, with `deploy()` changing the
 * service worker script as a new deploy would: the browser finds it on its next update check.
 */
export class BuildServer {
  private deploys = 0;
  /** The directory served now (`serveFrom` switches it, as deploying another build does). */
  private root = 'dist';
  private constructor(private readonly server: Server) {}

  static async start(root = 'dist'): Promise<BuildServer> {
    let self: BuildServer | null = null;
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const base = self?.root ?? root;
      const file = normalize(join(base, path === '/' ? 'index.html' : path));
      if (!file.startsWith(normalize(base))) {
        res.writeHead(403).end();
        return;
      }
      readFile(file).then(
        (body) => {
          const extra = path === '/service-worker.js' && self !== null ? `\n// deploy ${self.deploys}\n` : '';
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
          res.end(extra === '' ? body : Buffer.concat([body, Buffer.from(extra)]));
        },
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new BuildServer(server);
    self.root = root;
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next fetch of `/service-worker.js` returns a different script. */
  deploy(): void {
    this.deploys++;
  }

  /** Serves another build from now on (a whole new deploy: its own index.html and service worker). */
  serveFrom(root: string): void {
    this.root = root;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
