// Robots that go quiet without a last will: stale after a few seconds of silence, OFFLINE after a longer one
// (the spec's state interval is 30 s at most). Publishes robot.liveness; the fleet state store applies it.
// Time comes from the injected clock, so tests drive it; the timer only decides how often to look.
import { newEnvelope } from '../domain/envelope';
import { STALE_AFTER_MS } from '../domain/robot';
import { PROTOCOL_SUBJECTS, type RobotSilence } from '../domain/vda5050/protocol-events';
import type { Clock } from '../ports/clock';
import type { MessageBus } from '../ports/message-bus';
import type { FleetReader } from '../ports/fleet-reader';

export interface LivenessOptions {
  staleAfterMs?: number;
  offlineAfterMs?: number;
  tickMs?: number;
}

export interface RobotLivenessWorker {
  /** One look at every robot now (the timer calls this; tests may too). */
  check(): void;
  stop(): void;
}

export const DEFAULT_OFFLINE_AFTER_MS = 30_000;

export function createRobotLivenessWorker(
  deps: { bus: MessageBus; clock: Clock; fleet: FleetReader },
  o: LivenessOptions = {},
): RobotLivenessWorker {
  const staleAfter = o.staleAfterMs ?? STALE_AFTER_MS;
  const offlineAfter = o.offlineAfterMs ?? DEFAULT_OFFLINE_AFTER_MS;
  /** What was announced for a robot, and for which lastSeenAt: a robot that spoke since starts over. */
  const announced = new Map<number, { lastSeenAt: number; state: RobotSilence['state'] }>();

  const publish = (s: RobotSilence, now: number) => {
    announced.set(s.robotId, { lastSeenAt: s.lastSeenAt, state: s.state });
    deps.bus.publish(
      newEnvelope({ subject: PROTOCOL_SUBJECTS.liveness, source: 'worker:robot-liveness', producedAt: now, receivedAt: now, payload: s }),
    );
  };

  const check = () => {
    const now = deps.clock.now();
    for (const v of deps.fleet.list()) {
      if (v.connection !== 'ONLINE' || v.lastSeenAt === null) {
        announced.delete(v.id);
        continue;
      }
      const silentForMs = now - v.lastSeenAt;
      let prev = announced.get(v.id);
      if (prev && prev.lastSeenAt !== v.lastSeenAt) prev = undefined;
      const base = { robotId: v.id, reason: 'silent' as const, silentForMs, lastSeenAt: v.lastSeenAt };
      if (silentForMs >= offlineAfter) {
        if (prev?.state !== 'offline') publish({ ...base, state: 'offline' }, now);
      } else if (silentForMs >= staleAfter && !prev) publish({ ...base, state: 'stale' }, now);
    }
  };

  const timer = setInterval(check, o.tickMs ?? 500);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
