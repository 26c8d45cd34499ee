// history.fleetAt: every robot of the fleet as it was at `at`. Pose, speed, battery and flags come from the robot's
// latest sample ≤ at (raw tier within SAMPLE_RETENTION_HOURS, else the 1 s tier); errors, order, node and connection
// from the snapshot of that sample's slice carried forward by the robot's events up to `at`.
// A robot with no sample in the FLEET_AT_MAX_GAP_MS (60 s) before `at` is listed without a pose, OFFLINE, not
// driving, with sampleAt null and no errors: history cannot tell what it was doing, and a robot that sent nothing
// for a minute was not live. Identity and names come from the live fleet (robots deleted since are not listed).
import type { FleetAt, RobotAtView } from '../../domain/history/history-api';
import { decodeSamples } from '../../domain/history/slice-codec';
import { SLICE_TIER, type SliceRow, type SliceTier } from '../../domain/history/slice';
import { STALE_AFTER_MS, type RobotView } from '../../domain/robot';
import type { HistoryReaderDeps } from './history-reader';
import { FLEET_AT_MAX_GAP_MS, latestAtOrBefore, statusOf, tierAt } from './history-tiers';
import { applyEvent, eventsByRobot, SNAPSHOT_EVENT_KINDS, stateFromSnapshot } from './snapshot-replay';

/** Bound of the events read to carry snapshots forward (one slice span of a whole fleet stays far below). */
const MAX_EVENTS = 50_000;

export async function fleetAt(deps: HistoryReaderDeps, at: number): Promise<FleetAt> {
  const fleet = deps.fleet.list();
  const preferred = tierAt(at, deps.clock.now(), deps.rawRetentionMs);
  let tier: SliceTier = preferred;
  let slices = await deps.store.slicesAt({ tier, at, maxGapMs: FLEET_AT_MAX_GAP_MS });
  // Raw samples may be gone early (retention ran, a restart lost an open slice): the 1 s tier answers then.
  if (slices.length === 0 && preferred === SLICE_TIER.raw) {
    tier = SLICE_TIER.second;
    slices = await deps.store.slicesAt({ tier, at, maxGapMs: FLEET_AT_MAX_GAP_MS });
  }
  const byRobot = new Map<number, SliceRow>(slices.map((s) => [s.robotId, s]));
  const from = slices.reduce((m, s) => Math.min(m, s.startMs), at);
  const events =
    slices.length > 0
      ? eventsByRobot(
          await deps.events.listEvents({
            from,
            to: at,
            robotIds: [...byRobot.keys()],
            kinds: SNAPSHOT_EVENT_KINDS,
            order: 'asc',
            limit: MAX_EVENTS,
          }),
        )
      : new Map();

  let answered = 0;
  const robots = fleet.map((r): RobotAtView => {
    const slice = byRobot.get(r.id);
    const sample = slice ? latestAtOrBefore(decodeSamples(slice.data), at) : null;
    if (!slice || !sample || sample.ts < at - FLEET_AT_MAX_GAP_MS) return unknownAt(r);
    answered++;
    const state = stateFromSnapshot(slice.snapshot);
    for (const e of events.get(r.id) ?? []) if (e.ts >= slice.startMs && e.ts <= at) applyEvent(state, e);
    const view: RobotView = {
      ...r,
      connection: state.connection,
      pose: { x: sample.x, y: sample.y, theta: sample.theta, mapId: sample.mapId },
      speed: sample.speed ?? 0,
      battery: sample.battery,
      charging: sample.charging ?? slice.snapshot?.charging ?? false,
      driving: sample.driving ?? false,
      paused: sample.paused ?? false,
      operatingMode: (sample.operatingMode as RobotView['operatingMode']) ?? state.operatingMode,
      errors: state.errors,
      orderId: state.orderId,
      lastNodeId: state.lastNodeId,
      lastSeenAt: sample.ts,
      protocolVersion: state.protocolVersion ?? r.protocolVersion,
      stale: at - sample.ts > STALE_AFTER_MS,
    };
    return { ...view, sampleAt: sample.ts, status: statusOf(sample, state) };
  });
  return { at, tier: answered === 0 ? 'none' : tier === SLICE_TIER.raw ? 'raw' : 'second', robots };
}

function unknownAt(r: RobotView): RobotAtView {
  return {
    ...r,
    connection: 'OFFLINE',
    pose: null,
    speed: 0,
    battery: null,
    charging: false,
    driving: false,
    paused: false,
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: null,
    stale: false,
    sampleAt: null,
    status: 'offline',
  };
}
