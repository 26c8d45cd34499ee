// The parts of a robot's factsheet that master control acts on (pure): what it is, how fast and big it is, and
// which actions it accepts in which scope. The whole document is stored in robots.factsheet.

export type ActionScope = 'INSTANT' | 'NODE' | 'EDGE';

export interface SupportedAction {
  actionType: string;
  scopes: ActionScope[];
}

export interface FactsheetSummary {
  protocolVersion: string | null;
  seriesName: string | null;
  agvClass: string | null;
  agvKinematic: string | null;
  maxLoadMass: number | null;
  speedMin: number | null;
  speedMax: number | null;
  accelerationMax: number | null;
  decelerationMax: number | null;
  /** Metres. */
  width: number | null;
  length: number | null;
  heightMin: number | null;
  heightMax: number | null;
  supportedActions: SupportedAction[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const SCOPES: readonly string[] = ['INSTANT', 'NODE', 'EDGE'];

/** Tolerant of partial documents: stored factsheets may predate validation. */
export function summariseFactsheet(factsheet: unknown): FactsheetSummary {
  const f = obj(factsheet);
  const type = obj(f.typeSpecification);
  const phys = obj(f.physicalParameters);
  const features = obj(f.protocolFeatures);
  const actions = Array.isArray(features.agvActions) ? features.agvActions : [];
  return {
    protocolVersion: str(f.version),
    seriesName: str(type.seriesName),
    agvClass: str(type.agvClass),
    agvKinematic: str(type.agvKinematic),
    maxLoadMass: num(type.maxLoadMass),
    speedMin: num(phys.speedMin),
    speedMax: num(phys.speedMax),
    accelerationMax: num(phys.accelerationMax),
    decelerationMax: num(phys.decelerationMax),
    width: num(phys.width),
    length: num(phys.length),
    heightMin: num(phys.heightMin),
    heightMax: num(phys.heightMax),
    supportedActions: actions.flatMap((a) => {
      const actionType = str(obj(a).actionType);
      const scopes = obj(a).actionScopes;
      if (!actionType) return [];
      return [{ actionType, scopes: (Array.isArray(scopes) ? scopes : []).filter((s): s is ActionScope => SCOPES.includes(s as string)) }];
    }),
  };
}

/** Whether the factsheet lists `actionType` for `scope`. */
export function supportsAction(summary: FactsheetSummary, actionType: string, scope: ActionScope): boolean {
  return summary.supportedActions.some((a) => a.actionType === actionType && a.scopes.includes(scope));
}
