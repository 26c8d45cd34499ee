// Fixed-capacity ring: O(1) push, the oldest entry is overwritten. Used for each robot's recent messages.
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Up to `limit` entries, newest first. */
  latest(limit = this.capacity): T[] {
    const n = Math.min(Math.max(0, limit), this.count);
    const out: T[] = [];
    for (let i = 1; i <= n; i++) out.push(this.items[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }
}
