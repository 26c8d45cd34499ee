// A Map with a size cap: past it the least recently touched entry is evicted (and counted), so a structure keyed
// by what clients send (robot keys, manufacturers) cannot grow without bound.

export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  /** Entries evicted to stay within the cap, since creation. */
  evicted = 0;

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  /** The value without marking it used. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      this.map.delete(this.map.keys().next().value as K);
      this.evicted++;
    }
    return this;
  }

  /** The value of `key`, created by `make` (and possibly evicting the oldest) when missing. */
  getOrCreate(key: K, make: () => V): V {
    const v = this.get(key);
    if (v !== undefined) return v;
    const created = make();
    this.set(key, created);
    return created;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }
}
