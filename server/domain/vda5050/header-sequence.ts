// headerId bookkeeping per robot and topic (pure). The spec increments headerId by one per sent message and topic,
// so a jump forward means messages were lost on the way. A robot that reconnects (connection ONLINE) may start
// counting again from any value: the next id after that is a new baseline, not an error.
// A message the gateway rejected still ARRIVED: its headerId (when it can be read) advances the sequence like any
// other, and one whose headerId cannot be read explains one skipped id of the next jump. Only ids that never
// arrived are gaps ("lost").

/** How far back a headerId may be and still count as a reordered message rather than a counter reset. */
export const REORDER_WINDOW = 16;

export interface HeaderTrack {
  last: number | null;
  /** Set by a connection ONLINE: the next id on this topic starts a new count. */
  rebase: boolean;
  /** Rejected messages without a readable headerId since the last id seen: each explains one id of the next jump. */
  unnumbered: number;
}

export type HeaderVerdict =
  | { kind: 'first' | 'next' }
  /** Any other id right after a reconnect: the robot's new count. */
  | { kind: 'rebased' }
  | { kind: 'gap'; lost: number }
  /** Same or lower id without a reconnect in between: a duplicate or a reordered message. */
  | { kind: 'regression'; previous: number };

export function newHeaderTrack(): HeaderTrack {
  return { last: null, rebase: false, unnumbered: 0 };
}

/** Judges `headerId` against the track and advances it (mutates `track`: this runs on every message). */
export function observeHeaderId(track: HeaderTrack, headerId: number): HeaderVerdict {
  const last = track.last;
  const rebase = track.rebase;
  const unnumbered = track.unnumbered;
  track.rebase = false;
  track.unnumbered = 0;
  if (last === null) {
    track.last = headerId;
    return { kind: 'first' };
  }
  if (headerId === last + 1) {
    track.last = headerId;
    return { kind: 'next' };
  }
  if (rebase) {
    track.last = headerId;
    return { kind: 'rebased' };
  }
  if (headerId > last) {
    track.last = headerId;
    const lost = headerId - last - 1 - unnumbered;
    return lost > 0 ? { kind: 'gap', lost } : { kind: 'next' };
  }
  // A small step back is a duplicate or reordering: keep the higher id so the following messages are not "gaps".
  // A big one is a counter reset without a reconnect: follow it, or every later message would look stale.
  if (last - headerId > REORDER_WINDOW) track.last = headerId;
  return { kind: 'regression', previous: last };
}

/** A rejected message whose headerId could not be read (broken JSON, a headerId of the wrong type). */
export function observeUnnumbered(track: HeaderTrack): void {
  track.unnumbered++;
}
