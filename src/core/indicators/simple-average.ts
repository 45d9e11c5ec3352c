import { RollingWindow } from './rolling-window';
import type { Stage } from './stage';
import { mean } from './window-math';

/** Simple moving average stage; null until `period` inputs. */
export class SimpleAverage implements Stage {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    this.window = new RollingWindow(period);
  }

  get warmup(): number {
    return this.period - 1;
  }

  update(x: number, commit: boolean): number | null {
    const window = this.window.full(x, commit);
    return window === null ? null : mean(window);
  }
}
