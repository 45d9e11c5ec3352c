/**
 * Timers exist in every runtime core runs in (page, worker, Node) but belong to no ES lib.
 * Declared here, narrowly, so core gets timers without pulling in DOM or Node types.
 */
declare function setTimeout(handler: () => void, timeoutMs?: number): unknown;
declare function clearTimeout(handle: unknown): void;
