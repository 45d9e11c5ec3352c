import { proxy, wrap, type Remote } from 'comlink';
import type { ModelMessage, ModelWorkerApi } from '../../../workers/model.worker';

/**
 * Page-side bridge to the model worker (anomaly scoring, training): started on first use, only
 * in the tab that leads the feed, and terminated when the tab stops leading. Its code — and TF.js,
 * which the worker imports lazily — never enters the page bundle.
 */
export class ModelClient {
  private worker: Worker | null = null;
  private remote: Remote<ModelWorkerApi> | null = null;

  constructor(
    private readonly memoryOnly: boolean,
    private readonly onMessage: (message: ModelMessage) => void,
  ) {}

  /** The worker, started now if it is not running. */
  get api(): Remote<ModelWorkerApi> {
    if (this.remote === null) {
      this.worker = new Worker(new URL('../../../workers/model.worker.ts', import.meta.url), {
        type: 'module',
        name: 'tapewatch-model',
      });
      this.remote = wrap<ModelWorkerApi>(this.worker);
      void this.remote.useStorage(this.memoryOnly);
      void this.remote.listen(proxy((message: ModelMessage) => this.onMessage(message)));
    }
    return this.remote;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
