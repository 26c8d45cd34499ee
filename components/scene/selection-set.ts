// The selection as a Set for per-frame lookups, rebuilt only when the selection array changes.
import { useFleetStore } from '@/components/realtime/fleet-store';

let source: number[] | null = null;
let set = new Set<number>();

export function selectedSet(): ReadonlySet<number> {
  const ids = useFleetStore.getState().selectedIds;
  if (ids !== source) {
    source = ids;
    set = new Set(ids);
  }
  return set;
}
