import { describe, expect, it } from 'vitest';
import { forEachLine, lineBatches } from './line-batches';

async function collect(chunks: string[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  await forEachLine(chunks, (n, line) => out.push([n, line]));
  return out;
}

describe('line splitting over chunks', () => {
  it('numbers lines as an editor does, whatever the chunk boundaries', async () => {
    const text = '\uFEFFa,b\r\n\r\nc,d\n  \ne';
    const expected: [number, string][] = [
      [1, 'a,b'],
      [3, 'c,d'],
      [5, 'e'],
    ];
    for (let size = 1; size <= text.length; size++) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size),
      );
      expect(await collect(chunks)).toEqual(expected);
    }
  });

  it('yields one batch per chunk, so a caller never holds more than a chunk of lines', async () => {
    const batches = [];
    for await (const b of lineBatches(['1\n2\n', '3\n4', '\n5'])) batches.push(b);
    expect(batches).toEqual([
      { firstLine: 1, lines: ['1', '2'] },
      { firstLine: 3, lines: ['3'] },
      { firstLine: 4, lines: ['4'] },
      { firstLine: 5, lines: ['5'] },
    ]);
  });
});
