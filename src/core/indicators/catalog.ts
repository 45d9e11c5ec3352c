import { IndicatorSpecError, indicatorId, parseIndicatorSpec } from './indicator-spec';
import { indicatorColumns } from './streaming-indicator';
import { FEATURES } from './catalog/features';
import type { IndicatorInfo } from './catalog/indicator-info';
import { MOMENTUM } from './catalog/momentum';
import { TREND } from './catalog/trend';
import { VOLATILITY } from './catalog/volatility';
import { VOLUME } from './catalog/volume';
import { MAX_PERIOD } from './catalog/params';

export { MAX_PERIOD, type ParamDefinition } from './catalog/params';
export type { IndicatorCategory, IndicatorInfo } from './catalog/indicator-info';

/**
 * What every indicator is (name, title, parameters with their ranges, outputs, where its
 * arithmetic comes from) without its arithmetic: the page names, lists, validates and restores
 * indicators from this alone, while the cores (`registry.ts`) run in the workers and the CLI.
 */

export const INDICATOR_CATALOG: readonly IndicatorInfo[] = [
  ...TREND,
  ...MOMENTUM,
  ...VOLATILITY,
  ...VOLUME,
  ...FEATURES,
];

export function findIndicator(name: string): IndicatorInfo | undefined {
  return INDICATOR_CATALOG.find((d) => d.name === name);
}

/** Fills missing trailing parameters with defaults and checks every value. */
export function completeParams(definition: IndicatorInfo, params: readonly number[]): number[] {
  if (params.length > definition.params.length) {
    throw new IndicatorSpecError(
      `${definition.name} takes at most ${definition.params.length} parameter(s) (${definition.params.map((p) => p.name).join(', ') || 'none'}), got ${params.length}`,
    );
  }
  return definition.params.map((param, i) => {
    const value = params[i] ?? param.default;
    if (param.integer && !Number.isInteger(value)) {
      throw new IndicatorSpecError(`${definition.name}: ${param.name} must be a whole number, got ${value}`);
    }
    if (param.exclusive ? !(value > param.min) : !(value >= param.min)) {
      throw new IndicatorSpecError(
        `${definition.name}: ${param.name} must be ${param.exclusive ? 'above' : 'at least'} ${param.min}, got ${value}`,
      );
    }
    if (param.max !== undefined && !(value <= param.max)) {
      throw new IndicatorSpecError(
        `${definition.name}: ${param.name} must be at most ${param.max}${param.max === MAX_PERIOD ? ' (one year of 1m bars)' : ''}, got ${value}`,
      );
    }
    return value;
  });
}

/** What an indicator instance is called and outputs, as `createIndicator` would build it. */
export interface IndicatorShape {
  readonly id: string;
  readonly outputs: readonly string[];
  readonly columns: readonly string[];
}

/**
 * Checks `name` and `params` exactly as `createIndicator` does (unknown name, ranges, rules
 * across parameters; same messages) and returns the instance's id and columns, without building it.
 */
export function describeIndicator(name: string, params: readonly number[] = []): IndicatorShape {
  const definition = findIndicator(name);
  if (definition === undefined) throw new IndicatorSpecError(`unknown indicator ${JSON.stringify(name)} (see --list)`);
  const complete = completeParams(definition, params);
  const problem = definition.check?.(complete) ?? null;
  if (problem !== null) throw new IndicatorSpecError(`${name}: ${problem}`);
  const id = indicatorId(name, complete);
  return { id, outputs: definition.outputs, columns: indicatorColumns(id, definition.outputs) };
}

/** `describeIndicatorSpec('macd:12,26,9')`. */
export function describeIndicatorSpec(spec: string): IndicatorShape {
  const parsed = parseIndicatorSpec(spec);
  return describeIndicator(parsed.name, parsed.params);
}
