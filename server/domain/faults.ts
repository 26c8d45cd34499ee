// The faults QA can inject into a simulated robot: what the fault-injection service accepts and the simulator
// applies. Pure, shared by the server, the browser's fault form and the simulator (which is outside the app).

export type FaultTopic = 'visualization' | 'state' | 'order' | 'instantActions';

export type Fault =
  | { kind: 'drop'; share: number; topics?: FaultTopic[] }
  | { kind: 'delay'; ms: number }
  | { kind: 'disconnect' }
  | { kind: 'die' }
  | { kind: 'freeze' }
  | { kind: 'emergencyStop' }
  | { kind: 'batteryFault' }
  | { kind: 'malformed'; share: number }
  // Protocol misbehaviours, each one a conformance rule finds (domain/vda5050/conformance.ts):
  /** Takes cancelOrder but never acts on it or reports it: the order goes on. */
  | { kind: 'ignoreCancel' }
  /** Keeps the last traversed node in nodeStates. */
  | { kind: 'keepTraversed' }
  /** Starts its state headerIds at 0 again without reconnecting. */
  | { kind: 'headerReset' }
  /** Sends a state only every 60 s, whatever changes. */
  | { kind: 'silentState' }
  /** Leaves pick and drop out of its factsheet (sent again at once) but still runs them in its own tasks. */
  | { kind: 'unlistedAction' };

/** The misbehaviours above: the robot stays on the air and seems fine, only its protocol behaviour is wrong. */
export const PROTOCOL_FAULTS = ['ignoreCancel', 'keepTraversed', 'headerReset', 'silentState', 'unlistedAction'] as const;

export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/** Throws a clear error for an out-of-range parameter, so a test's typo fails loudly rather than doing nothing. */
export function checkFault(f: Fault): Fault {
  if ((f.kind === 'drop' || f.kind === 'malformed') && !(f.share >= 0 && f.share <= 1))
    throw new Error(`${f.kind} fault: share must be in [0, 1], got ${f.share}`);
  if (f.kind === 'delay' && !(f.ms >= 0 && Number.isFinite(f.ms)))
    throw new Error(`delay fault: ms must be a non-negative number, got ${f.ms}`);
  return f;
}
