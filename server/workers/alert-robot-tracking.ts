// What the alert engine keeps per robot besides the live view: the last state message's e-stop and localisation
// (from robot.state, a low-rate subject; poses come from the fleet reader, never from the visualization stream),
// the latest finished command, motion and charge tracks and message-counter samples. Every map is keyed by robot
// and pruned to the robots the fleet reader lists, so it cannot outgrow the fleet.
import { nextCommandOutcome } from '../domain/alerts/command-outcome';
import { sampleTraffic, type TrafficSample } from '../domain/alerts/protocol-conditions';
import type { CommandOutcome, RobotFacts, StateReport } from '../domain/alerts/robot-facts';
import { trackCharge, trackMotion } from '../domain/alerts/robot-progress';
import type { CommandView } from '../domain/commands/command';
import type { Envelope } from '../domain/envelope';
import type { RobotView } from '../domain/robot';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { CommandLedger } from '../ports/command-ledger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotProtocolReader } from '../ports/robot-protocol-reader';

interface Tracks {
  onlineSince: number | null;
  motion: RobotFacts['motion'];
  charge: RobotFacts['charge'];
  traffic: TrafficSample[];
}

export interface RobotTrackingDeps {
  bus: MessageBus;
  protocol: Pick<RobotProtocolReader, 'stats'>;
  commands: Pick<CommandLedger, 'onChange'> | null;
}

export function createRobotTracking(deps: RobotTrackingDeps) {
  const reports = new Map<number, StateReport>();
  const commands = new Map<number, CommandOutcome>();
  const tracks = new Map<number, Tracks>();

  const onState = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic !== 'state') return;
    // A state retried late after a bus outage must not raise an e-stop the robot has since cleared.
    if (env.receivedAt < (reports.get(t.robotId)?.at ?? Number.NEGATIVE_INFINITY)) return;
    const m = t.message;
    reports.set(t.robotId, {
      at: env.receivedAt,
      eStop: m.safetyState?.eStop ?? null,
      localizationScore: m.agvPosition?.localizationScore ?? null,
      positionInitialized: m.agvPosition?.positionInitialized ?? null,
    });
  };
  const onCommand = (c: CommandView) => {
    const next = nextCommandOutcome(commands.get(c.robotId) ?? null, c);
    if (next) commands.set(c.robotId, next);
  };
  const sub = deps.bus.subscribe(SUBJECTS.state, onState, { name: 'alert-engine' });
  const offCommands = deps.commands?.onChange(onCommand);

  const trafficOf = (r: RobotView, t: Tracks, now: number) => {
    const s = deps.protocol.stats(r.id);
    if (!s) return null;
    let received = 0;
    for (const k in s.received) received += s.received[k] ?? 0;
    return sampleTraffic(t.traffic, { at: now, received, invalid: s.invalid, lost: s.lostMessages });
  };

  return {
    /** Advances the robot's tracks to `now` and returns what the conditions judge it by. */
    facts(r: RobotView, now: number, o: { chargeGainPct: number; livenessLimitMs: number }): RobotFacts {
      let t = tracks.get(r.id);
      if (!t) tracks.set(r.id, (t = { onlineSince: null, motion: null, charge: null, traffic: [] }));
      t.onlineSince = r.connection === 'ONLINE' ? (t.onlineSince ?? now) : null;
      t.motion = trackMotion(t.motion, r, now);
      t.charge = trackCharge(t.charge, r, o.chargeGainPct, now);
      return {
        robot: r,
        report: reports.get(r.id) ?? null,
        onlineSince: t.onlineSince,
        motion: t.motion,
        charge: t.charge,
        traffic: trafficOf(r, t, now),
        command: commands.get(r.id) ?? null,
        livenessLimitMs: o.livenessLimitMs,
      };
    },
    /** Forgets robots the fleet no longer lists. */
    prune(live: ReadonlySet<number>) {
      for (const m of [reports, commands, tracks]) for (const id of m.keys()) if (!live.has(id)) m.delete(id);
    },
    size: () => tracks.size,
    stop() {
      sub.unsubscribe();
      offCommands?.();
    },
  };
}

export type RobotTracking = ReturnType<typeof createRobotTracking>;
