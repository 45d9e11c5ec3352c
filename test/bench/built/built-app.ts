import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { preview, type PreviewServer } from 'vite';

/** The production build served by `vite preview`, as users get it, for benchmarks of the real app. */
export interface BuiltApp {
  readonly url: string;
  readonly outDir: string;
  close(): Promise<void>;
}

/**
 * Builds the app from the current sources into a temporary directory (so a stale `dist/` is never
 * measured) and serves it with `vite preview` (the project's headers) on a free port.
 */
export async function buildAndServe(): Promise<BuiltApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'tapewatch-bench-dist-'));
  // A process of its own: the bench's dev server set NODE_ENV=development in this one, which would
  // compile Svelte in dev mode and measure a bundle users never get.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    configLoader: 'bundle',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (url === undefined) throw new Error('vite preview did not report its address');
  return {
    url,
    outDir,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
