// Fixed-capacity ring: O(1) push, the oldest entry is overwritten. Used for each robot's recent messages.
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`ring capacity must be a positive integer, got ${cap}`);
    this.items = new Array<T | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Keeps the newest `capacity` entries. */
  shrinkTo(capacity: number): void {
    if (capacity >= this.cap || capacity < 1) return;
    const kept = this.latest(capacity).reverse();
    this.cap = capacity;
    this.items = new Array<T | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    for (const item of kept) this.push(item);
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
