// Keeps one alert's notifications to one receiver in the order of its transitions across retries: when a
// notification fails, the later ones of its alert and URL wait until it is delivered or given up, so a receiver
// never sees an alert resolved before it saw it opened (a pager would keep that incident open). In memory: after a
// restart during an outage the order holds only as far as the outbox's `due` order (oldest first) keeps it.

export interface OrderedItem {
  id: string;
  url: string;
  body: { alert: { id: string } };
}

/** Chains remembered at most; past it a failure holds nothing back (order is then best effort). */
const MAX_HELD = 10_000;

export function createDeliveryOrder<T extends OrderedItem>() {
  /** (alert, url) → the failed notification the rest of that chain waits for, and when it is due again. */
  const held = new Map<string, { id: string; nextAttemptAt: number }>();
  const keyOf = (i: OrderedItem) => `${i.body.alert.id} ${i.url}`;
  const settled = (item: T) => {
    if (held.get(keyOf(item))?.id === item.id) held.delete(keyOf(item));
  };

  return {
    /** Due items (oldest first) as chains per alert and URL, each to be sent in order, up to about `max` items;
     *  chains whose failed head is not due yet are left out. A head due by `now` (the time `due` was asked at) but not
     *  among the items is no longer pending (delivered or given up elsewhere): its chain is released. */
    chains(items: readonly T[], now: number, max: number): T[][] {
      const chains = new Map<string, T[]>();
      for (const i of items) {
        const key = keyOf(i);
        const chain = chains.get(key);
        if (chain) chain.push(i);
        else chains.set(key, [i]);
      }
      const out: T[][] = [];
      let taken = 0;
      for (const [key, chain] of chains) {
        const head = held.get(key);
        if (head && chain[0]?.id !== head.id) {
          if (now < head.nextAttemptAt) continue;
          held.delete(key);
        }
        if (taken >= max) break;
        out.push(chain);
        taken += chain.length;
      }
      return out;
    },
    /** A failed attempt: its chain waits for its retry at `nextAttemptAt`, or goes on when it was given up (null). */
    failed(item: T, nextAttemptAt: number | null) {
      if (nextAttemptAt === null) settled(item);
      else if (held.size < MAX_HELD || held.has(keyOf(item))) held.set(keyOf(item), { id: item.id, nextAttemptAt });
    },
    /** Delivered: its chain goes on. */
    settled,
    /** Chains waiting for a failed head (their later items come back from `due` and are skipped). */
    held: () => held.size,
  };
}
