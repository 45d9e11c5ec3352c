import { describe, expect, it } from 'vitest';
import { OrderStatisticTree } from './order-statistic-tree';

describe('OrderStatisticTree', () => {
  it('counts, sums and deviations equal a scan of the same multiset through inserts and deletes', () => {
    let s = 7;
    const random = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    const tree = new OrderStatisticTree();
    const values: number[] = [];
    const problems: string[] = [];
    for (let step = 0; step < 5000; step++) {
      if (values.length > 0 && random() < 0.45) {
        const v = values.splice(Math.floor(random() * values.length), 1)[0] as number;
        if (!tree.delete(v)) problems.push(`step ${step}: ${v} not found`);
      } else {
        // Few distinct values: duplicates are the norm.
        const v = Math.floor(random() * 50) / 4;
        values.push(v);
        tree.insert(v);
      }
      const x = Math.floor(random() * 60) / 4 - 1;
      const atOrBelow = values.filter((v) => v <= x);
      const got = tree.below(x, true);
      if (got.count !== atOrBelow.length || got.sum !== atOrBelow.reduce((a, b) => a + b, 0))
        problems.push(`step ${step}: below ${x} ${JSON.stringify(got)}`);
      const deviation = values.reduce((a, v) => a + Math.abs(v - x), 0);
      if (Math.abs(tree.absoluteDeviation(x) - deviation) > 1e-9 * Math.max(1, deviation))
        problems.push(`step ${step}: deviation ${tree.absoluteDeviation(x)} vs ${deviation}`);
      if (tree.size !== values.length) problems.push(`step ${step}: size ${tree.size}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(tree.delete(1e9)).toBe(false);
  });
});
