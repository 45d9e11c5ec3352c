/** What a command may touch: injected so tests run commands in-process without spawning. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a whole file as UTF-8 (or as bytes for binary formats). */
  readonly readText: (path: string) => Promise<string>;
  /** Writes a file atomically: nothing partial is left behind on failure. */
  readonly writeText: (path: string, text: string) => Promise<void>;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text: usage, flags, output layout. */
  readonly help: string;
  /** Returns the process exit code. Throw `UsageError` for bad flags, `InputError` for bad data. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Wrong flags or arguments: exit code 2 and the usage line. */
export class UsageError extends Error {}

/** Bad input data (a malformed row, a file that does not parse): exit code 1. */
export class InputError extends Error {}
