/** Text specs like `rsi:14`, `macd:12,26,9`, `bb:20,2` and the column ids derived from them. */

/** A malformed or unknown indicator spec; the message says what is wrong. */
export class IndicatorSpecError extends Error {}

export interface ParsedIndicatorSpec {
  readonly name: string;
  /** Parameters as written; missing trailing ones take their defaults later. */
  readonly params: readonly number[];
}

const NAME = /^[a-z][a-z0-9]*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses `name` or `name:p1,p2,...`. Checks syntax only; the registry checks names and ranges. */
export function parseIndicatorSpec(text: string): ParsedIndicatorSpec {
  const spec = text.trim();
  const colon = spec.indexOf(':');
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim().toLowerCase();
  if (!NAME.test(name))
    throw new IndicatorSpecError(`bad indicator spec ${JSON.stringify(text)}: expected name or name:p1,p2,...`);
  if (colon < 0) return { name, params: [] };
  const params = spec
    .slice(colon + 1)
    .split(',')
    .map((part) => {
      const token = part.trim();
      const value = Number(token);
      if (!NUMBER.test(token) || !Number.isFinite(value)) {
        throw new IndicatorSpecError(
          `bad parameter ${JSON.stringify(token)} in indicator spec ${JSON.stringify(text)}`,
        );
      }
      return value;
    });
  return { name, params };
}

/**
 * Column id naming scheme: `<name>_<params joined by _>` for the main output (`rsi_14`,
 * `macd_12_26_9`, `bb_20_2`, `psar_0.02_0.2`), just `<name>` for indicators without parameters
 * (`obv`); every other output appends `_<output>` (`macd_12_26_9_signal`, `bb_20_2_upper`).
 * Parameters always appear in full, defaults included, so a column name says exactly what it is.
 */
export function indicatorId(name: string, params: readonly number[]): string {
  return params.length === 0 ? name : `${name}_${params.map((p) => String(p)).join('_')}`;
}
