// Coalesces repeated refusals so a misbehaving client cannot flood the audit log: the first refusal of a key is
// reported at once; repeats within the window are counted and reported as one entry when it closes (the window
// then stays open while repeats keep coming). Shared by the broker (MQTT), Socket.IO and tRPC refusals; each
// caller says what makes two refusals "the same" (keyOf), e.g. client + action + topic, or user + event + reason.
export interface Coalesced {
  /** Refusals this report stands for: 1 for the first, the number of repeats for a window's summary. */
  count: number;
  /** When the first and last of them happened (ms since the epoch). */
  firstAt: number;
  lastAt: number;
}

export interface RefusalWindow<D> {
  report(d: D): void;
  /** Reports the repeats of every window that has closed; call about once a second. */
  sweep(): void;
  /** Reports every pending repeat now (on shutdown). */
  flush(): void;
  /** Open windows (bounded by maxKeys). */
  size(): number;
}

interface Window<D> {
  until: number;
  repeats: number;
  firstAt: number;
  lastAt: number;
  last: D;
}

export function createRefusalWindow<D>(o: {
  windowMs: number;
  now: () => number;
  emit: (d: D & Coalesced) => void;
  keyOf: (d: D) => string;
  /** Past the cap (a flood of distinct keys), new keys share this one instead. */
  overflowKeyOf: (d: D) => string;
  maxKeys?: number;
}): RefusalWindow<D> {
  const open = new Map<string, Window<D>>();
  const maxKeys = o.maxKeys ?? 10_000;
  const summary = (w: Window<D>) => o.emit({ ...w.last, count: w.repeats, firstAt: w.firstAt, lastAt: w.lastAt });

  return {
    report(d) {
      const now = o.now();
      let key = o.keyOf(d);
      if (!open.has(key) && open.size >= maxKeys) key = `\u0000overflow\u0000${o.overflowKeyOf(d)}`;
      const w = open.get(key);
      if (w && now < w.until) {
        if (w.repeats === 0) w.firstAt = now;
        w.repeats++;
        w.lastAt = now;
        w.last = d;
        return;
      }
      if (w && w.repeats > 0) {
        // Closed but not swept yet while repeats go on: as sweep() would, report them and keep the window open.
        summary(w);
        Object.assign(w, { until: now + o.windowMs, repeats: 1, firstAt: now, lastAt: now, last: d });
        return;
      }
      open.set(key, { until: now + o.windowMs, repeats: 0, firstAt: now, lastAt: now, last: d });
      o.emit({ ...d, count: 1, firstAt: now, lastAt: now });
    },
    sweep() {
      const now = o.now();
      for (const [key, w] of open) {
        if (now < w.until) continue;
        if (w.repeats === 0) {
          open.delete(key);
          continue;
        }
        summary(w);
        w.repeats = 0;
        w.until = now + o.windowMs;
      }
    },
    flush() {
      for (const w of open.values()) if (w.repeats > 0) summary(w);
      open.clear();
    },
    size: () => open.size,
  };
}
