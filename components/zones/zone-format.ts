// Words and tones of the zone views: a zone's occupancy, a decision's colour, a lease's remaining time, an error
// as a sentence. Pure, shared by the tables and the 3D view.
import type { RequestDecision, ResourceStatus, ZoneType } from '@/server/domain/zones/zone-types';

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
