import { ArimaReturnModel } from './arima/arima-return-model';
import { CalibratedForecaster, type CalibratedForecasterOptions } from './calibrated-forecaster';
import type { Forecaster } from './forecaster';
import { PersistenceModel } from './persistence/persistence-model';
import { TapewatchModel } from './tapewatch/tapewatch-model';
import type { NetworkWeights } from './tapewatch/network-weights';
import { EwmaVolatility } from './volatility/ewma-volatility';
import { HarVolatility } from './volatility/har-volatility';
import type { VolatilityModel } from './volatility/volatility-model';

/** Model names, in the order they are listed side by side (persistence first: the baseline). */
export const FORECASTER_NAMES = ['persistence', 'arima', 'tapewatch'] as const;
export type ForecasterName = (typeof FORECASTER_NAMES)[number];

export type VolatilityName = 'ewma' | 'har';

export interface ForecasterOptions extends CalibratedForecasterOptions {
  /** Volatility model that scales the intervals (default ewma). */
  readonly volatility?: VolatilityName;
  /** Where the tapewatch network is stored and looked for (default: trained every fit, not kept). */
  readonly network?: NetworkWeights;
}

export function isForecasterName(name: string): name is ForecasterName {
  return (FORECASTER_NAMES as readonly string[]).includes(name);
}

export function createVolatility(name: VolatilityName): VolatilityModel {
  return name === 'har' ? new HarVolatility() : new EwmaVolatility();
}

/**
 * Fresh, unfitted forecasters by name. `seed` fixes every random choice (the tapewatch model's
 * initial weights; persistence and ARIMA have none). The tapewatch model needs a TF.js backend
 * chosen by the caller (cpu in Node, wasm in the worker).
 */
export function createForecasters(
  names: readonly ForecasterName[],
  seed: number,
  options: ForecasterOptions = {},
): Forecaster[] {
  return names.map((name) => {
    const volatility = createVolatility(options.volatility ?? 'ewma');
    switch (name) {
      case 'persistence':
        return new CalibratedForecaster(name, new PersistenceModel(), volatility, options);
      case 'arima':
        return new CalibratedForecaster(name, new ArimaReturnModel(), volatility, options);
      case 'tapewatch':
        return new CalibratedForecaster(name, new TapewatchModel(seed, options.network ?? null), volatility, options);
    }
  });
}
