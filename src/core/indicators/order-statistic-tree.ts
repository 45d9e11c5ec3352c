/**
 * A multiset of numbers with O(log n) insert, delete, and "how many and how much below x"
 * queries (a treap whose nodes carry their subtree's count and sum). Windowed statistics that
 * depend on the order of the values, such as a percentile rank or the mean absolute deviation,
 * use it to avoid rescanning the window. Subtree sums are rebuilt from the children on every
 * change, so they never drift.
 */
interface TreeNode {
  value: number;
  priority: number;
  left: TreeNode | null;
  right: TreeNode | null;
  count: number;
  sum: number;
}

const countOf = (n: TreeNode | null): number => (n === null ? 0 : n.count);
const sumOf = (n: TreeNode | null): number => (n === null ? 0 : n.sum);

function refresh(n: TreeNode): TreeNode {
  n.count = 1 + countOf(n.left) + countOf(n.right);
  n.sum = n.value + sumOf(n.left) + sumOf(n.right);
  return n;
}

/** Splits into values < x (or ≤ x with `inclusive`) and the rest. */
function split(n: TreeNode | null, x: number, inclusive: boolean): [TreeNode | null, TreeNode | null] {
  if (n === null) return [null, null];
  if (n.value < x || (inclusive && n.value === x)) {
    const [l, r] = split(n.right, x, inclusive);
    n.right = l;
    return [refresh(n), r];
  }
  const [l, r] = split(n.left, x, inclusive);
  n.left = r;
  return [l, refresh(n)];
}

function merge(a: TreeNode | null, b: TreeNode | null): TreeNode | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.priority > b.priority) {
    a.right = merge(a.right, b);
    return refresh(a);
  }
  b.left = merge(a, b.left);
  return refresh(b);
}

export class OrderStatisticTree {
  private root: TreeNode | null = null;
  /** Seeded priorities: the shape (and so the result of every sum) is reproducible. */
  private seed = 0x2545f491;

  get size(): number {
    return countOf(this.root);
  }

  private priority(): number {
    // xorshift32
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s >>> 0;
    return this.seed;
  }

  insert(value: number): void {
    const [l, r] = split(this.root, value, false);
    const node: TreeNode = { value, priority: this.priority(), left: null, right: null, count: 1, sum: value };
    this.root = merge(merge(l, node), r);
  }

  /** Removes one occurrence of `value`; false if there is none. */
  delete(value: number): boolean {
    const [below, rest] = split(this.root, value, false);
    const [equal, above] = split(rest, value, true);
    const found = equal !== null;
    this.root = merge(merge(below, found ? merge(equal.left, equal.right) : null), above);
    return found;
  }

  /** Count and sum of the values below `x` (or at or below it with `inclusive`). */
  below(x: number, inclusive: boolean): { count: number; sum: number } {
    let count = 0;
    let sum = 0;
    let n = this.root;
    while (n !== null) {
      if (n.value < x || (inclusive && n.value === x)) {
        count += 1 + countOf(n.left);
        sum += n.value + sumOf(n.left);
        n = n.right;
      } else n = n.left;
    }
    return { count, sum };
  }

  /** Σ|v − m| over the values. */
  absoluteDeviation(m: number): number {
    const low = this.below(m, false);
    const total = countOf(this.root);
    const highSum = sumOf(this.root) - low.sum;
    return m * low.count - low.sum + (highSum - m * (total - low.count));
  }
}
