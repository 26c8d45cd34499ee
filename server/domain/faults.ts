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
  | { kind: 'malformed'; share: number };

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
