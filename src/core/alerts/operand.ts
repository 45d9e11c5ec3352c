import { IndicatorSpecError } from '../indicators/indicator-spec';
import { describeIndicatorSpec } from '../indicators/catalog';

/** One side of an indicator comparison, resolved: the bar's close or one output column of an indicator. */
export type ResolvedOperand =
  | { readonly kind: 'close'; readonly column: 'close' }
  | {
      readonly kind: 'indicator';
      /** The spec as written (`rsi:14`). */
      readonly spec: string;
      /** Indicator id with defaults filled in (`rsi_14`): one instance per id and series. */
      readonly id: string;
      readonly output: string;
      /** Output column (`rsi_14`, `macd_12_26_9_signal`), as the `indicators` command names it. */
      readonly column: string;
    };

/** Resolves `close` or an indicator spec and output name; throws a message for the rule parser. */
export function resolveOperand(spec: string, output: string | undefined): ResolvedOperand {
  if (spec.trim().toLowerCase() === 'close') {
    if (output !== undefined && output !== 'close') throw new IndicatorSpecError('close has no outputs');
    return { kind: 'close', column: 'close' };
  }
  // Names and checks only: the rule parser runs on the page too, which holds no indicator cores.
  const indicator = describeIndicatorSpec(spec);
  const name = output ?? (indicator.outputs[0] as string);
  const at = indicator.outputs.indexOf(name);
  if (at < 0) {
    throw new IndicatorSpecError(
      `${indicator.id} has no output ${JSON.stringify(name)} (outputs: ${indicator.outputs.join(', ')})`,
    );
  }
  return { kind: 'indicator', spec, id: indicator.id, output: name, column: indicator.columns[at] as string };
}
