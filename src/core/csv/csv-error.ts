/** A bad row in an input file; `line` is 1-based, as an editor shows it. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

/** Yields [lineNumber, line] for each non-empty line, without splitting the whole text at once. */
export function* lines(text: string): Generator<[number, string]> {
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > 0) yield [number, line];
    start = end + 1;
  }
}

/** Binance public data switched trade times from ms to µs in 2025; µs values are > 1e14. */
export function epochToMs(value: number): number {
  return value > 1e14 ? Math.floor(value / 1000) : value;
}

export function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}
