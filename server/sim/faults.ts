// Injected faults of one simulated robot and the seeded decisions they imply (drop this message? corrupt that one?).
// Pure: the I/O layer asks; the same seed gives the same drops, so tests are repeatable.
import { checkFault, type Fault, type FaultKind, type FaultOf, type FaultTopic } from '../domain/faults';
import { Prng } from './prng';

export type { Fault, FaultKind, FaultOf, FaultTopic };

const ALL_TOPICS: FaultTopic[] = ['visualization', 'state', 'order', 'instantActions'];

export class FaultSet {
  private readonly active = new Map<FaultKind, Fault>();
  private readonly rng: Prng;

  constructor(seed: number) {
    this.rng = new Prng(seed);
  }

  /** Adds a fault, replacing an active one of the same kind. */
  inject(f: Fault): void {
    this.active.set(f.kind, checkFault(f));
  }

  /** Clears one kind, or all; returns the faults that were cleared. */
  clear(kind?: FaultKind): Fault[] {
    const cleared = kind ? [this.active.get(kind)].filter((f): f is Fault => f !== undefined) : [...this.active.values()];
    if (kind) this.active.delete(kind);
    else this.active.clear();
    return cleared;
  }

  get<K extends FaultKind>(kind: K): FaultOf<K> | undefined {
    return this.active.get(kind) as FaultOf<K> | undefined;
  }

  has(kind: FaultKind): boolean {
    return this.active.has(kind);
  }

  list(): Fault[] {
    return [...this.active.values()].map((f) => ({ ...f }));
  }

  /** Whether this message (outgoing telemetry or incoming command) is lost. Draws from the stream only when a drop fault applies. */
  shouldDrop(topic: FaultTopic): boolean {
    const f = this.get('drop');
    if (!f || !(f.topics ?? ALL_TOPICS).includes(topic)) return false;
    return this.rng.next() < f.share;
  }

  /** Milliseconds to hold an outgoing publish back, 0 for none. */
  delayMs(): number {
    return this.get('delay')?.ms ?? 0;
  }

  /** A corrupted payload for this visualization/state message, or null to send it intact. */
  malform(message: object): string | null {
    const f = this.get('malformed');
    if (!f || !(this.rng.next() < f.share)) return null;
    return corrupt(message, this.rng);
  }
}

/** Either broken JSON or JSON that violates the schema (wrong types, a required field missing). */
export function corrupt(message: object, rng: Prng): string {
  const json = JSON.stringify(message);
  switch (rng.int(3)) {
    case 0:
      return json.slice(0, Math.max(1, Math.floor(json.length / 2))); // truncated mid-message
    case 1:
      return JSON.stringify({ ...message, headerId: 'not-a-number', timestamp: 42 });
    default: {
      const { version: _version, ...rest } = message as { version?: unknown };
      // A header field missing (required in state) and a position of the wrong shape (fails visualization too).
      return JSON.stringify({ ...rest, agvPosition: { x: 'far' } });
    }
  }
}
