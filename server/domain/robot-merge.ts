// Pure merge of VDA 5050 messages into the app's RobotView, and the discrete events a change implies.
import { boundDetail } from './event-detail-bounds';
import type { RobotView } from './robot';
import type { ConnectionMessage, StateMessage, VdaError, VisualizationMessage } from './vda5050/messages';
import type { RobotSilence } from './vda5050/protocol-events';

export interface RobotEvent {
  kind:
    | 'connection'
    | 'stale'
    | 'stale_cleared'
    | 'error_raised'
    | 'error_cleared'
    | 'mode_changed'
    | 'paused'
    | 'resumed'
    | 'charging_started'
    | 'charging_stopped';
  detail: Record<string, unknown>;
}

export interface MergeResult {
  view: RobotView;
  /** Pose or speed changed. */
  poseChanged: boolean;
  /** Anything other than pose/speed/lastSeenAt changed. */
  viewChanged: boolean;
  events: RobotEvent[];
}

export function newRobotView(id: number, manufacturer: string, serialNumber: string, name = serialNumber): RobotView {
  return {
    id,
    manufacturer,
    serialNumber,
    name,
    connection: 'OFFLINE',
    pose: null,
    speed: 0,
    battery: null,
    charging: false,
    driving: false,
    paused: false,
    operatingMode: null,
    errors: [],
    orderId: null,
    lastNodeId: null,
    lastSeenAt: null,
    protocolVersion: null,
  };
}

const speedOf = (v: { vx?: number; vy?: number } | undefined) => (v ? Math.hypot(v.vx ?? 0, v.vy ?? 0) : 0);

/** A robot that talks is online, whatever its last connection message said. */
function markAlive(prev: RobotView, next: RobotView, at: number, events: RobotEvent[]): boolean {
  next.lastSeenAt = at;
  const wasStale = prev.stale === true;
  if (wasStale) next.stale = false;
  // Back from silence while still online; from OFFLINE the connection event below says it.
  if (wasStale && prev.connection === 'ONLINE') events.push({ kind: 'stale_cleared', detail: {} });
  if (prev.connection === 'ONLINE') return wasStale;
  next.connection = 'ONLINE';
  events.push({ kind: 'connection', detail: { from: prev.connection, to: 'ONLINE', reason: 'telemetry' } });
  return true;
}

export function mergeVisualization(prev: RobotView, msg: VisualizationMessage, at: number): MergeResult {
  const next: RobotView = { ...prev };
  const events: RobotEvent[] = [];
  const viewChanged = markAlive(prev, next, at, events);
  let poseChanged = false;
  if (msg.agvPosition) {
    const p = msg.agvPosition;
    next.pose = { x: p.x, y: p.y, theta: p.theta, mapId: p.mapId };
    poseChanged = true;
  }
  if (msg.velocity) {
    next.speed = speedOf(msg.velocity);
    poseChanged = true;
  }
  next.protocolVersion = msg.version;
  return { view: next, poseChanged, viewChanged: viewChanged || prev.protocolVersion !== msg.version, events };
}

/**
 * The common case of the hottest message, in place: a visualization from a robot that is online, not stale, already
 * has a pose and speaks the same protocol version moves the pose and touches lastSeenAt, nothing else. Mutating the
 * store's own view (instead of a 17-field copy and a new pose per message, each living until the next message and
 * so reaching the old generation) keeps the garbage collector out of the telemetry path. Returns false, changing
 * nothing, whenever the full merge is needed (events, status or version changes).
 */
export function moveInPlace(view: RobotView, msg: VisualizationMessage, at: number): boolean {
  const pose = view.pose;
  const p = msg.agvPosition;
  if (view.connection !== 'ONLINE' || view.stale === true || pose === null || p === undefined || view.protocolVersion !== msg.version)
    return false;
  pose.x = p.x;
  pose.y = p.y;
  pose.theta = p.theta;
  pose.mapId = p.mapId;
  if (msg.velocity) view.speed = speedOf(msg.velocity);
  view.lastSeenAt = at;
  return true;
}

const errorKey = (e: VdaError) => `${e.errorLevel}:${e.errorType}`;

export function mergeState(prev: RobotView, msg: StateMessage, at: number): MergeResult {
  const next: RobotView = { ...prev };
  const events: RobotEvent[] = [];
  let viewChanged = markAlive(prev, next, at, events);
  let poseChanged = false;
  if (msg.agvPosition) {
    const p = msg.agvPosition;
    next.pose = { x: p.x, y: p.y, theta: p.theta, mapId: p.mapId };
    poseChanged = true;
  }
  if (msg.velocity) next.speed = speedOf(msg.velocity);
  next.driving = msg.driving;
  next.paused = msg.paused ?? false;
  next.battery = msg.batteryState.batteryCharge;
  next.charging = msg.batteryState.charging;
  next.operatingMode = msg.operatingMode;
  next.errors = msg.errors;
  next.orderId = msg.orderId || null;
  next.lastNodeId = msg.lastNodeId || null;
  next.protocolVersion = msg.version;
  const path = pathOf(msg);
  if (path) next.path = path;
  else delete next.path;

  if (prev.paused !== next.paused) events.push({ kind: next.paused ? 'paused' : 'resumed', detail: {} });
  if (prev.charging !== next.charging)
    events.push({ kind: next.charging ? 'charging_started' : 'charging_stopped', detail: { battery: next.battery } });
  if (prev.operatingMode !== next.operatingMode)
    events.push({ kind: 'mode_changed', detail: { from: prev.operatingMode, to: next.operatingMode } });
  const before = new Map(prev.errors.map((e) => [errorKey(e), e]));
  const after = new Map(next.errors.map((e) => [errorKey(e), e]));
  // A robot writes its errors: texts and references are bounded before they reach the timeline.
  for (const [k, e] of after) if (!before.has(k)) events.push({ kind: 'error_raised', detail: boundDetail({ ...e }) });
  for (const [k, e] of before) if (!after.has(k)) events.push({ kind: 'error_cleared', detail: boundDetail({ ...e }) });

  viewChanged ||=
    events.length > 0 ||
    prev.driving !== next.driving ||
    prev.battery === null ||
    Math.abs((prev.battery ?? 0) - (next.battery ?? 0)) >= 0.5 ||
    prev.orderId !== next.orderId ||
    prev.lastNodeId !== next.lastNodeId ||
    prev.protocolVersion !== next.protocolVersion ||
    errorsDiffer(prev.errors, next.errors) ||
    pathsDiffer(prev.path, next.path);
  return { view: next, poseChanged, viewChanged, events };
}

/** A path longer than this is cut: it is drawn, not planned with. */
export const MAX_PATH_POINTS = 200;

function pathOf(msg: StateMessage): RobotView['path'] {
  const points = msg.intermediatePath;
  if (!points || points.length === 0) return undefined;
  const out: NonNullable<RobotView['path']> = [];
  for (const p of points.slice(0, MAX_PATH_POINTS)) {
    const eta = Date.parse(p.eta);
    if (Number.isFinite(eta)) out.push({ x: p.x, y: p.y, eta });
  }
  return out.length ? out : undefined;
}

function pathsDiffer(a: RobotView['path'], b: RobotView['path']): boolean {
  if (a === b) return false;
  if (!a || !b || a.length !== b.length) return true;
  return a.some((p, i) => p.x !== b[i]!.x || p.y !== b[i]!.y || p.eta !== b[i]!.eta);
}

function errorsDiffer(a: VdaError[], b: VdaError[]): boolean {
  if (a.length !== b.length) return true;
  return a.some((e, i) => errorKey(e) !== errorKey(b[i]!) || e.errorDescription !== b[i]!.errorDescription);
}

export function mergeConnection(prev: RobotView, msg: ConnectionMessage, at: number): MergeResult {
  const next: RobotView = {
    ...prev,
    connection: msg.connectionState,
    lastSeenAt: at,
    protocolVersion: msg.version,
    ...(prev.stale && { stale: false }),
  };
  const changed = prev.connection !== msg.connectionState || prev.stale === true;
  const events: RobotEvent[] = [];
  const back = prev.stale === true && prev.connection === 'ONLINE' && msg.connectionState === 'ONLINE';
  if (back) events.push({ kind: 'stale_cleared', detail: {} });
  if (prev.connection !== msg.connectionState)
    events.push({ kind: 'connection', detail: { from: prev.connection, to: msg.connectionState } });
  if (msg.connectionState !== 'ONLINE') {
    next.driving = false;
    next.speed = 0;
  }
  return {
    view: next,
    poseChanged: false,
    viewChanged: changed || prev.protocolVersion !== msg.version,
    events,
  };
}

/** A robot gone quiet without a last will: stale first, then OFFLINE with reason "silent". lastSeenAt is kept. */
export function mergeSilence(prev: RobotView, s: Pick<RobotSilence, 'state' | 'silentForMs'>): MergeResult {
  if (prev.connection !== 'ONLINE') return { view: prev, poseChanged: false, viewChanged: false, events: [] };
  if (s.state === 'stale') {
    const news = prev.stale !== true;
    const events: RobotEvent[] = news ? [{ kind: 'stale', detail: { silentForMs: s.silentForMs } }] : [];
    return { view: { ...prev, stale: true }, poseChanged: false, viewChanged: news, events };
  }
  const next: RobotView = { ...prev, connection: 'OFFLINE', stale: true, driving: false, speed: 0 };
  return {
    view: next,
    poseChanged: false,
    viewChanged: true,
    events: [{ kind: 'connection', detail: { from: prev.connection, to: 'OFFLINE', reason: 'silent', silentForMs: s.silentForMs } }],
  };
}
