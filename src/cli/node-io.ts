import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { chmod, lstat, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { InputError, type CliIo, type OutputSink } from './command';

/** A filesystem error in words that name the user's path, never a temporary file's. */
function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EXDEV: 'cannot rename across file systems',
    ELOOP: 'too many symbolic links',
  };
  return e.code !== undefined ? `${known[e.code] ?? e.code}` : e instanceof Error ? e.message : String(e);
}

async function* readChunks(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  } finally {
    stream.destroy();
  }
}

/** Writes with backpressure and turns stream errors into ones naming `label`. */
function streamSink(stream: Writable, label: string, finish: () => Promise<void>, cleanup: () => Promise<void>) {
  let failure: Error | null = null;
  stream.on('error', (error) => (failure ??= new InputError(`cannot write ${label}: ${reason(error)}`)));
  const sink: OutputSink = {
    async write(text) {
      if (failure !== null) throw failure;
      if (!stream.write(text)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('error', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('error', done);
        });
      }
      if (failure !== null) throw failure;
    },
    async commit() {
      if (failure !== null) throw failure;
      await finish();
      if (failure !== null) throw failure;
    },
    abort: cleanup,
  };
  return sink;
}

function endFile(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** Stdout: streamed as produced; the process keeps it open. */
function stdoutSink(): OutputSink {
  return streamSink(
    process.stdout,
    'stdout',
    async () => undefined,
    async () => undefined,
  );
}

/** Devices and pipes (`/dev/null`, a FIFO): opened for writing, never replaced. */
function throughSink(path: string): OutputSink {
  const stream = createWriteStream(path, { flags: 'w' });
  return streamSink(
    stream,
    `--out ${path}`,
    async () => {
      try {
        await endFile(stream);
      } catch (error) {
        throw new InputError(`cannot write --out ${path}: ${reason(error)}`);
      }
    },
    async () => {
      stream.destroy();
    },
  );
}

/** A regular file or a new path: a temporary file beside `target`, renamed over it on commit. */
function atomicSink(label: string, target: string, mode: number | null): OutputSink {
  const tmp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  const remove = () => rm(tmp, { force: true }).then(() => undefined);
  return streamSink(
    stream,
    `--out ${label}`,
    async () => {
      try {
        await endFile(stream);
        if (mode !== null) await chmod(tmp, mode & 0o7777);
        await rename(tmp, target);
      } catch (error) {
        await remove();
        throw new InputError(`cannot write --out ${label}: ${reason(error)}`);
      }
    },
    async () => {
      stream.destroy();
      await remove();
    },
  );
}

async function openOutput(path: string | undefined): Promise<OutputSink> {
  if (path === undefined || path === '-') return stdoutSink();
  let link;
  try {
    link = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return atomicSink(path, path, null);
    throw new InputError(`cannot write --out ${path}: ${reason(error)}`);
  }
  let target = path;
  let info = link;
  if (link.isSymbolicLink()) {
    // Keep the link: write to what it points at.
    try {
      target = await realpath(path);
      info = await stat(target);
    } catch (error) {
      throw new InputError(`cannot write --out ${path}: it is a symbolic link whose target fails: ${reason(error)}`);
    }
  }
  if (info.isDirectory()) throw new InputError(`cannot write --out ${path}: is a directory`);
  if (info.isFile()) return atomicSink(path, target, info.mode);
  return throughSink(target);
}

export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readChunks,
  openOutput,
};
