// Why a queued command expired unsent, said as it happened (pure): the app was down past its TTL, every send failed,
// or the robot was offline, silent or unknown. "Robot was not online" for a command that expired while the app
// itself was not running sent operators looking at the wrong machine.
import type { RobotView } from '../robot';

export interface ExpiryFacts {
  ttlMs: number;
  /** issuedAt + ttlMs. */
  deadline: number;
  /** When this app run took over the ledger. */
  startedAt: number;
  /** The last activity the database recorded before this run (about when the previous run stopped); null: unknown. */
  lastActivityAt: number | null;
  robotId: number;
  robot: RobotView | undefined;
  /** Why the last attempt to send it failed, if one did. */
  lastSendError: string | null;
}

const iso = (t: number) => new Date(t).toISOString();

export function expiryReason(f: ExpiryFacts): string {
  const head = `not sent within its TTL of ${(f.ttlMs / 1000).toFixed(1)} s`;
  if (f.deadline < f.startedAt) {
    const from = f.lastActivityAt !== null && f.lastActivityAt < f.startedAt ? `from ${iso(f.lastActivityAt)} ` : 'until ';
    return `${head}: it expired while the app was not running (down ${from}${from === 'until ' ? '' : 'to '}${iso(f.startedAt)})`;
  }
  if (f.lastSendError) return `${head}: sending it failed (${f.lastSendError})`;
  const name = f.robot?.name ?? String(f.robotId);
  if (!f.robot) return `${head}: robot ${name} is not known`;
  if (f.robot.connection !== 'ONLINE') return `${head}: robot ${name} was not online (${f.robot.connection.toLowerCase()})`;
  if (f.robot.stale) return `${head}: robot ${name} was connected but silent (no message for too long)`;
  return `${head}: it was still waiting for commands ahead of it on robot ${name}`;
}
