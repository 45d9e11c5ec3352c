/// <reference types="vite/client" />
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The wasm binaries as URLs of the build (precached by the service worker, so offline works).
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

/** Longest the wasm backend may take to start before cpu is used instead. */
export const WASM_TIMEOUT_MS = 10_000;

/**
 * wasm (SIMD, single thread) with a timeout, else cpu. Threaded wasm hangs when its helper
 * workers cannot start (cross-origin isolation), and any wasm start may never settle, so the
 * attempt races a timer. Resolves with the backend in use and, when it is not wasm, why.
 */
export async function setUpBackend(timeoutMs = WASM_TIMEOUT_MS): Promise<{ backend: string; note: string | null }> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  let note: string | null = null;
  try {
    const outcome = await Promise.race([tf.setBackend('wasm'), timeout]);
    if (outcome === true) {
      await tf.ready();
      return { backend: tf.getBackend(), note: null };
    }
    note = outcome === 'timeout' ? `wasm did not start within ${timeoutMs / 1000} s` : 'wasm refused to start';
  } catch (error) {
    note = `wasm failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: tf.getBackend(), note: `${note}; using cpu` };
}
