/** Where a command's output goes: a file (`--out`) or stdout. Nothing is final before `commit`. */
export interface OutputSink {
  /** Resolves once the text may be followed by more (backpressure). */
  write(text: string): Promise<void>;
  /** The run succeeded: make the output visible (rename a temporary file into place). */
  commit(): Promise<void>;
  /** The run failed: remove what was staged. Bytes already sent to stdout or a device stay. */
  abort(): Promise<void>;
}

/** What a command may touch: injected so tests run commands in-process without spawning. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A file as UTF-8 text chunks, streamed; opening or reading failures name the path. */
  readonly readChunks: (path: string) => AsyncIterable<string>;
  /**
   * Opens `--out`: undefined or `-` is stdout; a regular file or a new path is written to a
   * temporary file and renamed over it on commit; devices, pipes and symlinks are written through.
   */
  readonly openOutput: (path: string | undefined) => Promise<OutputSink>;
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
