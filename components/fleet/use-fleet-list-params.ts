'use client';
// The robot list's filter, sort and search, kept in the address bar by the shared list-state hook: a link or a
// reload shows the same list, Back undoes a filter or sort choice, and typing in the search replaces the entry.
import { useMemo } from 'react';
import { useListState } from '@/components/ui/use-list-state';
import { FLEET_LIST_SPEC, type FleetListParams, toFleetListParams } from './fleet-list-params';

export type SetFleetListParams = (patch: Partial<FleetListParams>, history?: 'push' | 'replace') => void;

export function useFleetListParams(): [FleetListParams, SetFleetListParams] {
  const [state, set] = useListState(FLEET_LIST_SPEC);
  const { status, sort, dir, q } = state;
  // One object per distinct list state: the replay's ?at= moving on does not re-sort the list.
  const params = useMemo(() => toFleetListParams({ status, sort, dir, q }), [status, sort, dir, q]);
  return [params, set];
}
