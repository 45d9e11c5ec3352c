import { textChunks } from '../core/csv/line-batches';
import { InputError, type CliIo } from './command';

/**
 * An in-memory CliIo for tests: files from a map, read in small chunks (so lines straddle chunk
 * boundaries as they do on disk), outputs kept only once committed, stdout and stderr collected.
 */
export function memoryIo(files: Record<string, string>, chunkSize = 97) {
  const written = new Map<string, string>();
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    async *readChunks(path) {
      const text = Object.hasOwn(files, path) ? files[path] : undefined;
      if (text === undefined) throw new InputError(`cannot read ${path}: no such file or directory`);
      yield* textChunks(text, chunkSize);
    },
    async openOutput(path) {
      let staged = '';
      const toStdout = path === undefined || path === '-';
      return {
        async write(text) {
          if (toStdout) out.stdout += text;
          else staged += text;
        },
        async commit() {
          if (!toStdout) written.set(path, staged);
        },
        async abort() {
          staged = '';
        },
      };
    },
  };
  return { io, out, written };
}
