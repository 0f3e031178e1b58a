// A bounded memo: results kept by their key, the oldest let go first once it holds its limit. For the
// results of pure steps a request repeats (a calendar's instants, a font's shaping of a word, a card's
// drawing), so memory stays bounded in a process that lives for days.
export class BoundedMemo<V> {
  private readonly known = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The value kept under `key`, if any. */
  find(key: string): V | undefined {
    return this.known.get(key);
  }

  /** Keeps `value` under `key`, letting the oldest go if the memo is full; returns it. */
  keep(key: string, value: V): V {
    if (!this.known.has(key) && this.known.size >= this.limit) {
      const oldest = this.known.keys().next();
      if (oldest.done !== true) this.known.delete(oldest.value);
    }
    this.known.set(key, value);
    return value;
  }

  /** The value kept under `key`, or `compute`'s, kept. A computation that throws keeps nothing. */
  get(key: string, compute: () => V): V {
    const known = this.known.get(key);
    return known !== undefined ? known : this.keep(key, compute());
  }
}
