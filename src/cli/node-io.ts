import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { CliIo } from './command';

export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readText: (path) => readFile(path, 'utf8'),
  async writeText(path, text) {
    // Write beside the target and rename, so a failure never leaves a half-written file.
    const tmp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  },
};
