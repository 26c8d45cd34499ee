// The robot list's view state as it lives in the address bar: ?status=error&sort=battery&dir=desc&q=SIM-00, read
// and written by the shared list-state helpers (components/lists): unknown values fall back to the defaults and
// defaults are left out of the URL, so the plain fleet page stays at "/". This module gives the values their types.
import type { ListSpec, ListState } from '@/components/ui/list-query';
import type { RobotStatus } from '@/server/domain/robot';

export const SORT_KEYS = ['serial', 'status', 'battery', 'lastSeen'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export type StatusFilter = RobotStatus | 'all';

export interface FleetListParams {
  status: StatusFilter;
  sort: SortKey;
  dir: SortDir;
  /** The search text (serial number or name). */
  q: string;
}

type Key = keyof FleetListParams;

const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'driving', 'idle', 'paused', 'charging', 'error', 'offline'];

/** What each sort key means in each direction, as the sort control says it. */
export const SORT_LABEL: Record<SortKey, { label: string; asc: string; desc: string }> = {
  serial: { label: 'Serial number', asc: 'A → Z', desc: 'Z → A' },
  status: { label: 'Status', asc: 'most urgent first', desc: 'least urgent first' },
  battery: { label: 'Battery', asc: 'lowest first', desc: 'highest first' },
  lastSeen: { label: 'Last seen', asc: 'longest silent first', desc: 'most recent first' },
};

export const DEFAULT_LIST_PARAMS: FleetListParams = { status: 'all', sort: 'serial', dir: 'asc', q: '' };

/** The spec of the shared list-state helpers: a module constant (its identity keys the parsed state). */
export const FLEET_LIST_SPEC: ListSpec<Key> = {
  defaults: { ...DEFAULT_LIST_PARAMS },
  allowed: { status: STATUS_FILTERS, sort: SORT_KEYS },
};

const pick = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** The typed list state (the shared reader has already checked the values against FLEET_LIST_SPEC). */
export function toFleetListParams(state: ListState<Key>): FleetListParams {
  return {
    status: pick(state.status, STATUS_FILTERS, 'all'),
    sort: pick(state.sort, SORT_KEYS, DEFAULT_LIST_PARAMS.sort),
    dir: state.dir === 'desc' ? 'desc' : 'asc',
    q: state.q,
  };
}
