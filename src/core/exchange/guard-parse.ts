import type { FrameSink } from './adapter';

/**
 * Runs a parser on one frame and turns anything it throws into a `parser-error` reject, so a bug
 * (or a frame no test foresaw) costs that frame alone and is counted, instead of escaping into
 * the socket's message handler and skipping everything after it. Returns false when it threw.
 */
export function parseGuarded(
  parse: (frame: string, receivedAtMs: number, sink: FrameSink) => void,
  frame: string,
  receivedAtMs: number,
  sink: FrameSink,
): boolean {
  try {
    parse(frame, receivedAtMs, sink);
    return true;
  } catch (error) {
    sink.reject('parser-error', `${describeError(error)} on ${frame.length > 120 ? `${frame.slice(0, 120)}…` : frame}`);
    return false;
  }
}

/** Error text that cannot itself throw (a thrown value may be anything). */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = typeof error.name === 'string' ? error.name : 'Error';
    return typeof error.message === 'string' ? `${name}: ${error.message}` : name;
  }
  return typeof error === 'string' ? error : `thrown ${typeof error}`;
}
