import { ALERT_STATES, type AlertView } from '../alerts/alert';

// Bus subjects by which the processes of one site keep per-process copies in step (with the in-process bus there
// is one process, and each announcement only comes back to its sender, which ignores it).

export const CLUSTER_SUBJECTS = {
  /** Robot MQTT credentials changed: every embedded broker reloads its accounts. */
  credentials: 'cluster.credentials',
  /** An alert changed in one process (opened, acknowledged, resolved…): the others take its view over. */
  alerts: 'cluster.alerts',
  /** Each process announces itself (services/cluster/node-registry.ts): a live subject, nothing stored. */
  nodes: 'cluster.nodes',
  /** The leader's view of the 3.0 zones (holders, queues), every second: a live subject, each superseded. */
  zoneView: 'cluster.zoneView',
  /** An operator's revoke made on a process that does not lead, for the leader's arbiter. */
  zoneRevoke: 'cluster.zoneRevoke',
  /** A message for a robot from a process without an MQTT gateway: the gateway that owns the robot sends it on
   *  (services/cluster/outbound-relay.ts). A live subject: the commander resends until the robot reflects it. */
  outbound: 'cluster.outbound',
  /** Each gateway's protocol stats of the robots it owns that changed, every second (services/cluster/protocol-relay.ts):
   *  a live subject, each superseded by the next. */
  protocolStats: 'cluster.protocolStats',
  /** A node asks the gateway that owns a robot for its recent messages or conformance verdicts: live, answered or
   *  given up within seconds. */
  protocolAsk: 'cluster.protocolAsk',
  /** The owning gateway's answer to a protocolAsk, for the asking node: live. */
  protocolAnswer: 'cluster.protocolAnswer',
} as const;

/** Who announced a change (NODE_ID): a process does not act on its own announcements twice. */
export interface ClusterNotice {
  node: string;
}

export function isClusterNotice(v: unknown): v is ClusterNotice {
  return typeof v === 'object' && v !== null && typeof (v as { node?: unknown }).node === 'string';
}

/** An alert as the process `node` changed and stored it. */
export interface AlertNotice extends ClusterNotice {
  alert: AlertView;
}

const STATES: ReadonlySet<string> = new Set(ALERT_STATES);

/** Enough of an AlertView to take it over (the bus is the app's own; this guards against a mismatched version). */
export function isAlertView(v: unknown): v is AlertView {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.id === 'string' &&
    typeof a.ruleId === 'string' &&
    typeof a.subject === 'string' &&
    typeof a.state === 'string' &&
    STATES.has(a.state) &&
    typeof a.severity === 'string' &&
    typeof a.openedAt === 'number' &&
    typeof a.detail === 'object' &&
    a.detail !== null
  );
}
