import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { init } from 'talib-web';

/**
 * TA-Lib (talib-web's wasm build) as a test oracle in Node.
 *
 * Three things in talib-web 0.1.3 need working around:
 * - Loading: its Emscripten glue fetches the wasm whenever a global `fetch` exists, and Node 20
 *   has one, which cannot read a file path. We hide `fetch` during `init`, so it falls back to
 *   reading the file with fs, and pass the wasm path next to the package's main file.
 * - Process handlers: see `load`.
 * - Calling: its JS wrappers pass `endIdx = length` (TA-Lib's endIdx is inclusive, so they read
 *   one value past the input) and drop outBegIdx. We call the C functions through `ccall`
 *   ourselves, with `endIdx = length − 1`, and align outputs using outBegIdx.
 */
interface EmscriptenModule {
  ccall(name: string, returnType: 'number', argTypes: readonly 'number'[], args: readonly number[]): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  readonly HEAPF64: Float64Array;
  readonly HEAP32: Int32Array;
}

let loading: Promise<EmscriptenModule> | null = null;

function wasmPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('talib-web')), 'talib.wasm');
}

async function load(): Promise<EmscriptenModule> {
  const globals = globalThis as { fetch?: unknown };
  const savedFetch = globals.fetch;
  // The glue also installs process-wide handlers that rethrow every uncaught error and rejection;
  // the test runner has its own, so remove the ones init adds.
  const uncaught = new Set(process.listeners('uncaughtException'));
  const rejections = new Set(process.listeners('unhandledRejection'));
  globals.fetch = undefined;
  try {
    return (await init(wasmPath())) as EmscriptenModule;
  } finally {
    globals.fetch = savedFetch;
    for (const listener of process.listeners('uncaughtException')) {
      if (!uncaught.has(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!rejections.has(listener)) process.removeListener('unhandledRejection', listener);
    }
  }
}

export interface Talib {
  /**
   * Calls `TA_<fn>(0, n − 1, ...inputs, ...options, &begIdx, &nbElement, ...outputs)` and returns
   * one array per output, aligned with the input (null where TA-Lib gives no value).
   * Options are passed in TA-Lib's C argument order.
   */
  call(
    fn: string,
    inputs: readonly (readonly number[])[],
    options: readonly number[],
    outputs: number,
  ): (number | null)[][];
}

export async function loadTalib(): Promise<Talib> {
  loading ??= load();
  const module = await loading;
  return {
    call(fn, inputs, options, outputs) {
      const n = inputs[0]?.length ?? 0;
      const pointers: number[] = [];
      const alloc = (bytes: number): number => {
        const p = module._malloc(bytes);
        pointers.push(p);
        return p;
      };
      try {
        const args: number[] = [0, n - 1];
        const inputPointers = inputs.map(() => alloc(8 * n));
        const counts = alloc(8);
        const outputPointers = Array.from({ length: outputs }, () => alloc(8 * n));
        // Fill after every malloc: a heap growth would detach views taken earlier.
        inputs.forEach((values, k) => {
          if (values.length !== n) throw new Error(`${fn}: inputs differ in length`);
          module.HEAPF64.set(values, (inputPointers[k] as number) / 8);
        });
        args.push(...inputPointers, ...options, counts, counts + 4, ...outputPointers);
        const code = module.ccall(
          `TA_${fn}`,
          'number',
          args.map(() => 'number'),
          args,
        );
        if (code !== 0) throw new Error(`TA_${fn} failed with code ${code}`);
        const begin = module.HEAP32[counts / 4] as number;
        const count = module.HEAP32[counts / 4 + 1] as number;
        return outputPointers.map((p) => {
          const result: (number | null)[] = new Array<number | null>(n).fill(null);
          for (let i = 0; i < count; i++) result[begin + i] = module.HEAPF64[p / 8 + i] as number;
          return result;
        });
      } finally {
        for (const p of pointers) module._free(p);
      }
    },
  };
}
