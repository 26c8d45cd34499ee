// Go-to / re-initialise targets from the map: named places first (docks, chargers, conveyors, parking,
// racks), then plain graph nodes; filtered by what the operator types (pure).
import type { CommandType } from '@/server/domain/commands/command';
import type { MapNode, PlaceKind, WarehouseMap } from '@/server/domain/warehouse-map';

export interface TargetOption {
  nodeId: string;
  label: string;
  kind: PlaceKind | 'node';
  x: number;
  y: number;
}

export const KIND_LABEL: Record<TargetOption['kind'], string> = {
  dock: 'Dock',
  charger: 'Charger',
  conveyor: 'Conveyor',
  parking: 'Parking',
  rack: 'Rack',
  node: 'Node',
};

const KIND_ORDER: TargetOption['kind'][] = ['dock', 'charger', 'conveyor', 'parking', 'rack', 'node'];

export function targetOf(n: MapNode): TargetOption {
  return { nodeId: n.id, label: n.place?.name ?? n.id, kind: n.place?.kind ?? 'node', x: n.x, y: n.y };
}

export function targetOptions(map: Pick<WarehouseMap, 'nodes'>): TargetOption[] {
  const byKind = (a: TargetOption, b: TargetOption) =>
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label, undefined, { numeric: true });
  return map.nodes.map(targetOf).sort(byKind);
}

/** Every word of the query must appear in the label, node id or kind. */
export function filterTargets(options: readonly TargetOption[], query: string): TargetOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const hay = `${o.label} ${o.nodeId} ${KIND_LABEL[o.kind]}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Parameters for the command: a place by name reads best in the ledger; plain nodes by id. */
export function targetParams(type: CommandType, t: TargetOption): Record<string, unknown> {
  if (type === 'initPosition') return { nodeId: t.nodeId };
  return t.kind === 'node' ? { nodeId: t.nodeId } : { place: t.label };
}
