// Which gateway process handles a robot's messages when several share one broker: rendezvous hashing (highest
// random weight) over the live gateways. Every process computes the same answer from the same list; when a
// gateway goes, only its robots move (each to the next-highest gateway), and a new one takes about 1/n of them.
// Pure, no I/O: the list comes from the node registry (services/cluster/node-registry.ts).
import { MAX_MANUFACTURER_CHARS, MAX_SERIAL_NUMBER_CHARS } from '../vda5050/robot-identity';

/**
 * The longest key the cache keeps: a valid `<manufacturer>/<serial>`. The gateway asks before it checks the
 * identity, so a hostile login's 30,000-character serial numbers reach `owns` too; cached, 2,000 of them held 58 MB.
 */
const MAX_CACHED_KEY_CHARS = MAX_MANUFACTURER_CHARS + 1 + MAX_SERIAL_NUMBER_CHARS;

/** FNV-1a, 32 bits: fast, and well enough spread for a handful of gateways (measured by the unit test). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche (murmur3's fmix32): FNV alone leaves similar keys with similar low bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The gateway (node id) that owns `robotKey` among `gateways` (node ids, any order); null when there is none. */
export function ownerOf(robotKey: string, gateways: readonly string[]): string | null {
  let best: string | null = null;
  let bestWeight = -1;
  for (const g of gateways) {
    const w = fnv1a(`${g}\u0000${robotKey}`);
    if (w > bestWeight || (w === bestWeight && best !== null && g < best)) {
      best = g;
      bestWeight = w;
    }
  }
  return best;
}

/**
 * Ownership with a cache: asked for every robot message, recomputed only for a robot seen first since the gateway
 * list last changed. Bounded: the cache is cleared when it reaches `maxKeys`, and keeps no key longer than a valid
 * robot key (such a key is hashed each time; its messages are refused right after).
 */
export function createOwnership(self: string, maxKeys = 100_000) {
  let gateways: string[] = [self];
  let signature = self;
  const cache = new Map<string, boolean>();
  return {
    /** The live gateways now; a change (compared as a set) clears the cache. */
    setGateways(ids: readonly string[]): boolean {
      const next = [...new Set(ids)].sort();
      const sig = next.join('\u0000');
      if (sig === signature) return false;
      gateways = next;
      signature = sig;
      cache.clear();
      return true;
    },
    gateways: (): readonly string[] => gateways,
    owns(robotKey: string): boolean {
      let mine = cache.get(robotKey);
      if (mine === undefined) {
        // With no gateway known (not even this one: it is always in the list while it runs), keep the message.
        const owner = ownerOf(robotKey, gateways);
        mine = owner === null || owner === self;
        if (robotKey.length <= MAX_CACHED_KEY_CHARS) {
          if (cache.size >= maxKeys) cache.clear();
          cache.set(robotKey, mine);
        }
      }
      return mine;
    },
    /** Keys cached now (health and tests). */
    cached: () => cache.size,
  };
}

export type Ownership = ReturnType<typeof createOwnership>;
