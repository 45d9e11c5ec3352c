import { CsvError } from './csv-error';

/** A line longer than this is refused: it would otherwise grow one string without bound. */
export const MAX_LINE_CHARS = 1 << 20;

/** Consecutive lines of a text stream; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBatch {
  readonly firstLine: number;
  readonly lines: readonly string[];
}

/**
 * Splits a stream of text chunks into lines without ever holding more than one chunk and one
 * partial line: one batch per chunk, so callers loop synchronously within a batch. Every line is
 * numbered (blank ones too, as an editor counts); `\r` line ends and a leading BOM are removed.
 */
export async function* lineBatches(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<LineBatch> {
  let carry = '';
  let next = 1;
  let started = false;
  for await (let chunk of chunks) {
    if (!started) {
      if (chunk.length === 0) continue;
      started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = carry.length > 0 ? carry + chunk : chunk;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      lines.push(withoutCr(text.slice(start, end)));
      start = end + 1;
    }
    carry = start === 0 ? text : text.slice(start);
    if (carry.length > MAX_LINE_CHARS) {
      throw new CsvError(next + lines.length, `line longer than ${MAX_LINE_CHARS} characters`);
    }
    if (lines.length > 0) {
      yield { firstLine: next, lines };
      next += lines.length;
    }
  }
  if (carry.length > 0) yield { firstLine: next, lines: [withoutCr(carry)] };
}

function withoutCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/** True for an empty or whitespace-only line; cheap for the common non-blank case. */
export function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0);
}

/** Calls `onLine` for every non-blank line of the stream, in order. */
export async function forEachLine(
  chunks: AsyncIterable<string> | Iterable<string>,
  onLine: (number: number, line: string) => void,
  afterBatch?: () => Promise<void> | void,
): Promise<void> {
  for await (const batch of lineBatches(chunks)) {
    const { firstLine, lines } = batch;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (!isBlank(line)) onLine(firstLine + i, line);
    }
    if (afterBatch !== undefined) await afterBatch();
  }
}

/** A whole text as a stream of chunks, for callers (tests, small files) that already hold it. */
export function* textChunks(text: string, size = 1 << 16): Generator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}
