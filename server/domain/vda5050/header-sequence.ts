// headerId bookkeeping per robot and topic (pure). The spec increments headerId by one per sent message and topic,
// so a jump forward means messages were lost on the way. A robot that reconnects (connection ONLINE) may start
// counting again from any value: the next id after that is a new baseline, not an error.

/** How far back a headerId may be and still count as a reordered message rather than a counter reset. */
export const REORDER_WINDOW = 16;

export interface HeaderTrack {
  last: number | null;
  /** Set by a connection ONLINE: the next id on this topic starts a new count. */
  rebase: boolean;
}

export type HeaderVerdict =
  | { kind: 'first' | 'next' }
  /** Any other id right after a reconnect: the robot's new count. */
  | { kind: 'rebased' }
  | { kind: 'gap'; lost: number }
  /** Same or lower id without a reconnect in between: a duplicate or a reordered message. */
  | { kind: 'regression'; previous: number };

export function newHeaderTrack(): HeaderTrack {
  return { last: null, rebase: false };
}

/** Judges `headerId` against the track and advances it (mutates `track`: this runs on every message). */
export function observeHeaderId(track: HeaderTrack, headerId: number): HeaderVerdict {
  const last = track.last;
  const rebase = track.rebase;
  track.rebase = false;
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
    return { kind: 'gap', lost: headerId - last - 1 };
  }
  // A small step back is a duplicate or reordering: keep the higher id so the following messages are not "gaps".
  // A big one is a counter reset without a reconnect: follow it, or every later message would look stale.
  if (last - headerId > REORDER_WINDOW) track.last = headerId;
  return { kind: 'regression', previous: last };
}
