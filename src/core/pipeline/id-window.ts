/**
 * Remembers the last `capacity` trade ids of one instrument for duplicate checks, in O(1) per
 * id and bounded memory (a ring of ids plus a set).
 */
export class IdWindow {
  private readonly ids = new Set<number>();
  private readonly ring: number[];
  private next = 0;

  constructor(private readonly capacity = 50_000) {
    this.ring = new Array<number>(capacity);
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  add(id: number): void {
    if (this.ids.has(id)) return;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
  }
}
