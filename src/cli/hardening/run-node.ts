import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { nodeIo } from '../node-io';
import { runCli } from '../run-cli';

/** Runs the CLI in-process against real files, capturing what it prints. */
export async function runNode(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += String(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv, nodeIo);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A fresh temporary directory with the given files; `cleanup` removes it. */
export function tempFiles(files: Record<string, string>): {
  dir: string;
  path: (name: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tapewatch-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Binance trades layout rows: ids from `firstId`, one trade a second from 2025-03-02 00:00 UTC. */
export function binanceTrades(count: number, firstId = 1): string[] {
  const t0 = Date.UTC(2025, 2, 2);
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + i;
    return `${id},100.${String(i % 100).padStart(2, '0')},0.5,50,${t0 + i * 1000},${i % 3 === 0 ? 'true' : 'false'},true`;
  });
}
