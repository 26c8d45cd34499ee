// The simulator's fault kinds as the fault-injection form offers them: label, parameters, and whether injecting
// one takes the robot off the air or stops it (those ask for confirmation).
import type { Fault, FaultKind } from '@/server/domain/faults';

export interface FaultKindInfo {
  kind: FaultKind;
  label: string;
  param: 'share' | 'ms' | null;
  disruptive: boolean;
  /** What happens, shown under the select and in the confirmation. */
  effect: string;
}

export const FAULT_KINDS: readonly FaultKindInfo[] = [
  {
    kind: 'malformed',
    label: 'Malformed messages',
    param: 'share',
    disruptive: false,
    effect: 'corrupts this share of state and visualization messages',
  },
  { kind: 'drop', label: 'Drop messages', param: 'share', disruptive: false, effect: 'loses this share of messages in both directions' },
  { kind: 'delay', label: 'Delay publishes', param: 'ms', disruptive: false, effect: 'holds every outgoing message back' },
  {
    kind: 'freeze',
    label: 'Freeze',
    param: null,
    disruptive: false,
    effect: 'stops moving and ignores commands, but keeps reporting the same picture',
  },
  { kind: 'batteryFault', label: 'Battery fault', param: null, disruptive: false, effect: 'reports a FATAL battery error and drains fast' },
  {
    kind: 'emergencyStop',
    label: 'Emergency stop',
    param: null,
    disruptive: true,
    effect: 'presses the e-stop: the robot halts with a FATAL error',
  },
  { kind: 'disconnect', label: 'Disconnect', param: null, disruptive: true, effect: 'says OFFLINE and leaves the broker until cleared' },
  {
    kind: 'die',
    label: 'Die',
    param: null,
    disruptive: true,
    effect: 'drops its connection abruptly: the last will reports CONNECTIONBROKEN',
  },
  // Protocol misbehaviours: the robot keeps working; its conformance report (Protocol tab) shows the rule it breaks.
  {
    kind: 'ignoreCancel',
    label: 'Ignore cancel',
    param: null,
    disruptive: false,
    effect: 'takes cancelOrder but never acts on it or reports it',
  },
  {
    kind: 'keepTraversed',
    label: 'Keep traversed nodes',
    param: null,
    disruptive: false,
    effect: 'keeps the last node it passed in nodeStates',
  },
  {
    kind: 'headerReset',
    label: 'Reset header ids',
    param: null,
    disruptive: false,
    effect: 'starts its state headerIds at 0 again without reconnecting',
  },
  { kind: 'silentState', label: 'Silent state', param: null, disruptive: false, effect: 'sends a state only every 60 s, whatever changes' },
  {
    kind: 'unlistedAction',
    label: 'Factsheet omits actions',
    param: null,
    disruptive: false,
    effect: 'leaves pick and drop out of its factsheet but still runs them in its own tasks',
  },
];

export function faultKindInfo(kind: FaultKind): FaultKindInfo {
  return FAULT_KINDS.find((k) => k.kind === kind) ?? FAULT_KINDS[0]!;
}

export function buildFault(kind: FaultKind, share: number, ms: number): Fault {
  switch (kind) {
    case 'drop':
    case 'malformed':
      return { kind, share };
    case 'delay':
      return { kind, ms };
    default:
      return { kind };
  }
}

export function describeFault(f: Fault): string {
  const label = faultKindInfo(f.kind).label;
  if (f.kind === 'drop') return `${label}: ${Math.round(f.share * 100)} %${f.topics ? ` of ${f.topics.join(', ')}` : ''}`;
  if (f.kind === 'malformed') return `${label}: ${Math.round(f.share * 100)} %`;
  if (f.kind === 'delay') return `${label}: ${f.ms} ms`;
  return label;
}
