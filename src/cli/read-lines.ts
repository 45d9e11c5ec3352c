import { CsvError } from '../core/csv/csv-error';
import { forEachLine } from '../core/csv/line-batches';
import { InputError, type CliIo } from './command';

/**
 * Streams the non-blank lines of `path` to `onLine`; a CsvError thrown while reading becomes an
 * InputError naming the file and line.
 */
export async function readLines(
  io: CliIo,
  path: string,
  onLine: (number: number, line: string) => void,
  afterBatch?: () => Promise<void>,
): Promise<void> {
  try {
    await forEachLine(io.readChunks(path), onLine, afterBatch);
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Runs `produce` against `--out` (or stdout): committed only if it returns, aborted if it throws. */
export async function withOutput(
  io: CliIo,
  path: string | undefined,
  produce: (write: (text: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const sink = await io.openOutput(path);
  let buffer = '';
  const write = async (text: string) => {
    buffer += text;
    if (buffer.length >= 1 << 16) {
      const chunk = buffer;
      buffer = '';
      await sink.write(chunk);
    }
  };
  try {
    await produce(write);
    if (buffer.length > 0) await sink.write(buffer);
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
