/** Parameter definitions and the helpers the catalogue's entries are written with. */

export interface ParamDefinition {
  readonly name: string;
  readonly default: number;
  /** Whole numbers only (periods). */
  readonly integer: boolean;
  /** Smallest allowed value; with `exclusive`, values must be strictly above it. */
  readonly min: number;
  readonly exclusive?: boolean;
  /** Largest allowed value, if bounded (window lengths are, see `MAX_PERIOD`). */
  readonly max?: number;
}

/**
 * Upper bound for every whole-number parameter (periods, window lengths, offsets): one year of
 * 1m bars. Windows cost O(1) per bar whatever their length, but each holds its values (8 bytes
 * per bar and window), and a longer window would never fill from the history Tapewatch keeps.
 */
export const MAX_PERIOD = 525_600;

export const period = (value: number, min = 1): ParamDefinition => ({
  name: 'period',
  default: value,
  integer: true,
  min,
  max: MAX_PERIOD,
});
export const int = (name: string, value: number, min = 1): ParamDefinition => ({
  name,
  default: value,
  integer: true,
  min,
  max: MAX_PERIOD,
});
export const positive = (name: string, value: number): ParamDefinition => ({
  name,
  default: value,
  integer: false,
  min: 0,
  exclusive: true,
});

/** Parameter list as numbers, in declaration order; `p[i]` exists because params were completed. */
export type P = readonly number[];
export const at = (p: P, i: number): number => p[i] as number;
