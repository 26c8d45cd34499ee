// Words and tones of the zone views: a zone's occupancy, a decision's colour, a lease's remaining time, an error
// as a sentence. Pure, shared by the tables and the 3D view.
import type { RequestDecision, ResourceStatus, ZoneType, ZoneViewSource } from '@/server/domain/zones/zone-types';

/** free: no holder; held: one holder, nobody waiting; queued: a holder and robots waiting for it. */
export type Occupancy = 'free' | 'held' | 'queued';

export function occupancyOf(status: Pick<ResourceStatus, 'holder' | 'queue'> | null | undefined): Occupancy {
  if (!status?.holder) return status && status.queue.length > 0 ? 'queued' : 'free';
  return status.queue.length > 0 ? 'queued' : 'held';
}

export const OCCUPANCY_TEXT: Record<Occupancy, string> = { free: 'free', held: 'held', queued: 'held, robots waiting' };

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

const DECISION_TONE: Record<RequestDecision, Tone> = {
  GRANTED: 'ok',
  QUEUED: 'warn',
  EXPIRED: 'warn',
  REJECTED: 'bad',
  REVOKED: 'bad',
  RELEASED: 'muted',
};

export function decisionTone(decision: RequestDecision): Tone {
  return DECISION_TONE[decision] ?? 'muted';
}

/** "RELEASE", "SPEED_LIMIT" → "Release", "Speed limit". */
export function zoneTypeText(type: ZoneType): string {
  const words = type.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Time left until `expiry` (epoch ms): "42 s", "3 min 05 s", "expired". */
export function leaseLeftText(expiry: number, now: number): string {
  const s = Math.ceil((expiry - now) / 1000);
  if (s <= 0) return 'expired';
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Clock time with seconds, in the browser's locale. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The server answered that it has no such procedure: zone traffic control is not deployed there. */
export function isZonesApiMissing(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { message?: unknown; data?: { code?: unknown; httpStatus?: unknown } | null };
  return err.data?.code === 'NOT_FOUND' && typeof err.message === 'string' && /no procedure/i.test(err.message);
}

/** A failed zones query as a sentence; a server without the zones API says so plainly. */
export function zonesErrorText(e: unknown): string {
  if (isZonesApiMissing(e)) return 'This server has no zone traffic control yet (the zones API is not available).';
  const message = e instanceof Error ? e.message : String(e);
  if (/failed to fetch|networkerror|load failed/i.test(message)) return 'The server is not answering; it is asked again every few seconds.';
  return message;
}

/** "12 s", "4 min 10 s": how long ago `at` was. */
function ageText(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * What the zone views say about where the holders shown come from (a cluster node that does not lead shows the
 * leader's relayed view): nothing when the view is current, a warning when nothing is known yet, an alarm when the
 * view is old. `now` is the server's time (receivedAt is).
 */
export function zoneViewNotice(source: ZoneViewSource, now: number): { tone: Tone; text: string } | null {
  if (source.kind === 'none')
    return {
      tone: 'warn',
      text: 'No zone view from the control leader yet: every zone is shown free because nothing is known, not because it is clear.',
    };
  if (source.kind !== 'stale' || source.receivedAt === null) return null;
  return {
    tone: 'bad',
    text:
      `Not current: the leader's zone view is ${ageText(source.receivedAt, now)} old (last from ${source.node ?? 'the leader'} at ` +
      `${clockTime(source.receivedAt)}). Holders and queues are shown as they were then: no leader is relaying, or this ` +
      'node is cut off from the bus.',
  };
}

/** "view relayed by the leader node-2 · " for a node that does not lead; "" where the arbiter runs. */
export function zoneViewOrigin(source: ZoneViewSource): string {
  return source.kind === 'relayed' ? `view relayed by the leader ${source.node ?? ''} · ` : '';
}

/** The same caveat in a few words, for the 3D view's zone tooltip; null when the view is current. */
export function zoneViewCaveat(source: ZoneViewSource): string | null {
  if (source.kind === 'none') return 'Occupancy unknown: no zone view from the leader yet';
  if (source.kind === 'stale' && source.receivedAt !== null) return `Not current: as last relayed at ${clockTime(source.receivedAt)}`;
  return null;
}
