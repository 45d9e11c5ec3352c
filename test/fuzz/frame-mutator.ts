import { mulberry32 } from '../../src/core/demo/rng';

/**
 * Hostile variants of real venue frames, for fuzzing the parsers. Each mutant starts from a
 * recorded frame and breaks it the way a broken or malicious venue (or proxy) could: a field
 * replaced by a deep nest, a huge or odd number, the wrong type, an object whose keys shadow
 * `toString`/`valueOf`/`toJSON`, a `__proto__` key, a long string, a non-ASCII digit string, or
 * the text cut short. Seeded, so a failing mutant can be replayed from its seed and index.
 */

/** Values too big or too odd to write with JSON.stringify: spliced into the text as is. */
const NEST = 5_000;
const RAW_VALUES: readonly string[] = [
  '['.repeat(NEST) + ']'.repeat(NEST),
  '{"a":'.repeat(NEST) + '1' + '}'.repeat(NEST),
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '18446744073709551616',
  '9007199254740993',
  '123456789012345678901234567890',
  '{"__proto__":{"polluted":1}}',
  '{"__proto__":null,"toString":1}',
];

/** Ordinary JSON values of every type and shape that breaks naive code. */
const PLAIN_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  0.1,
  -1e308,
  1e308,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'x',
  '0x10',
  '１２',
  '١٢٣',
  '1e5',
  '+1',
  '-1',
  '1.',
  '.5',
  'NaN',
  'Infinity',
  '00001',
  '1,5',
  '__proto__',
  'constructor',
  '\u0000',
  '\ud800',
  'A'.repeat(100),
  'B'.repeat(100_000),
  [],
  [null],
  [[]],
  {},
  { toString: 1 },
  { valueOf: {} },
  { toJSON: 1 },
  { toString: { toString: 1 } },
  { constructor: 1 },
  { code: { toString: 1 }, msg: { valueOf: 1 } },
  ['1', '2'],
  [['1', '2']],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container (object or array) in a JSON tree, with the keys it holds. */
function containers(root: Json, out: { node: Json[] | { [key: string]: Json }; keys: (string | number)[] }[] = []) {
  if (Array.isArray(root)) {
    out.push({ node: root, keys: root.map((_, i) => i) });
    for (const child of root) containers(child, out);
  } else if (root !== null && typeof root === 'object') {
    out.push({ node: root, keys: Object.keys(root) });
    for (const child of Object.values(root)) containers(child, out);
  }
  return out;
}

export class FrameMutator {
  private readonly random: () => number;
  /** Parsed seeds; null where the frame is not JSON (mutated as text only). */
  private readonly parsed: (Json | null)[];

  constructor(
    private readonly seeds: readonly string[],
    seed: number,
  ) {
    if (seeds.length === 0) throw new Error('FrameMutator needs at least one seed frame');
    this.random = mulberry32(seed);
    this.parsed = seeds.map((s) => {
      try {
        return JSON.parse(s) as Json;
      } catch {
        return null;
      }
    });
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  /** One hostile frame. */
  next(): string {
    const i = Math.floor(this.random() * this.seeds.length);
    const tree = this.parsed[i];
    const text = tree === null || tree === undefined ? (this.seeds[i] as string) : this.mutateTree(tree);
    return this.random() < 0.08 ? this.truncate(text) : text;
  }

  private truncate(text: string): string {
    return text.slice(0, Math.floor(this.random() * text.length));
  }

  /** Replaces 1–3 fields (or adds keys) in a copy of the tree, then splices raw values in. */
  private mutateTree(tree: Json): string {
    const copy = structuredClone(tree);
    const raws: string[] = [];
    const slots = containers(copy);
    const edits = 1 + Math.floor(this.random() * 3);
    for (let e = 0; e < edits && slots.length > 0; e++) {
      const { node, keys } = this.pick(slots);
      const value = this.value(raws);
      const roll = this.random();
      if (Array.isArray(node)) {
        if (keys.length === 0 || roll < 0.15) node.push(value);
        else node[this.pick(keys) as number] = value;
      } else if (keys.length === 0 || roll < 0.1) {
        // defineProperty: assigning `__proto__` would set the prototype instead of adding a key.
        const key = this.pick(['__proto__', 'toString', 'valueOf', 'toJSON', 'constructor', 'extra']);
        Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      } else if (roll < 0.15) {
        Reflect.deleteProperty(node, this.pick(keys) as string);
      } else {
        node[this.pick(keys) as string] = value;
      }
    }
    let text = JSON.stringify(copy);
    raws.forEach((raw, n) => {
      text = text.replace(`"@@raw${n}@@"`, () => raw);
    });
    return text;
  }

  private value(raws: string[]): Json {
    if (this.random() < 0.3) {
      raws.push(this.pick(RAW_VALUES));
      return `@@raw${raws.length - 1}@@`;
    }
    return structuredClone(this.pick(PLAIN_VALUES)) as Json;
  }
}
