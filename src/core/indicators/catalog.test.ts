import { describe, expect, it } from 'vitest';
import { describeIndicator, describeIndicatorSpec, INDICATOR_CATALOG, type IndicatorInfo } from './catalog';
import { createIndicator, createIndicatorFromSpec, INDICATOR_CORES } from './registry';

/** What either side answers for one parameter list: the instance's names, or the message it refused with. */
function outcome(build: () => { id: string; outputs: readonly string[]; columns: readonly string[] }) {
  try {
    const { id, outputs, columns } = build();
    return { id, outputs: [...outputs], columns: [...columns] };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

/**
 * Parameter lists around the edges: each parameter at its minimum, its default and every other
 * parameter's default (so fast/slow swap places), in every combination.
 */
function grid(definition: IndicatorInfo): number[][] {
  const defaults = definition.params.map((p) => p.default);
  const choices = definition.params.map((p) => {
    const low = p.exclusive ? p.min + (p.integer ? 1 : 0.001) : p.min;
    return [...new Set([low, ...defaults, p.default])];
  });
  let lists: number[][] = [[]];
  for (const c of choices) lists = lists.flatMap((l) => c.map((v) => [...l, v]));
  return lists;
}

describe('indicator catalogue', () => {
  it('pairs every entry with exactly one core', () => {
    expect(Object.keys(INDICATOR_CORES).sort()).toEqual(INDICATOR_CATALOG.map((d) => d.name).sort());
  });

  it.each(INDICATOR_CATALOG.map((d) => [d.name, d] as const))(
    '%s: describeIndicator accepts and refuses exactly what createIndicator does, with the same message',
    (_, definition) => {
      const lists = grid(definition);
      for (const params of lists) {
        expect(
          outcome(() => describeIndicator(definition.name, params)),
          `${definition.name}:${params.join(',')}`,
        ).toEqual(outcome(() => createIndicator(definition.name, params)));
      }
      // Too many parameters, and a cross-parameter refusal where the indicator has one.
      const extra = [...definition.params.map((p) => p.default), 1];
      expect(outcome(() => describeIndicator(definition.name, extra))).toEqual(
        outcome(() => createIndicator(definition.name, extra)),
      );
    },
  );

  it('specs: unknown names, bad syntax and cross-parameter rules read the same', () => {
    for (const spec of [
      'nope',
      'macd:26,12',
      'macd:12,26',
      'ultosc:7,7,28',
      'kama:10,30,2',
      'rsi:x',
      'bb:20,2',
      'obv',
    ]) {
      expect(
        outcome(() => describeIndicatorSpec(spec)),
        spec,
      ).toEqual(outcome(() => createIndicatorFromSpec(spec)));
    }
    expect(outcome(() => describeIndicatorSpec('macd:26,12'))).toMatchObject({
      error: expect.stringContaining('fast'),
    });
  });
});
