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
  // VDA 5050 3.0 renamed most of these fields; either spelling is read (3.0 first), into the 2.x vocabulary.
  const v3 = str(f.version)?.startsWith('3.') ?? false;
  const listed = features.mobileRobotActions ?? features.agvActions;
  const actions = Array.isArray(listed) ? listed : [];
  return {
    protocolVersion: str(f.version),
    seriesName: str(type.seriesName),
    agvClass: str(type.mobileRobotClass ?? type.agvClass),
    agvKinematic: str(type.mobileRobotKinematics ?? type.agvKinematic),
    maxLoadMass: num(type.maximumLoadMass ?? type.maxLoadMass),
    speedMin: num(phys.minimumSpeed ?? phys.speedMin),
    speedMax: num(phys.maximumSpeed ?? phys.speedMax),
    accelerationMax: num(phys.maximumAcceleration ?? phys.accelerationMax),
    decelerationMax: num(phys.maximumDeceleration ?? phys.decelerationMax),
    width: num(phys.width),
    length: num(phys.length),
    heightMin: num(phys.minimumHeight ?? phys.heightMin),
    heightMax: num(phys.maximumHeight ?? phys.heightMax),
    supportedActions: actions.flatMap((a) => {
      const listedType = str(obj(a).actionType);
      const scopes = obj(a).actionScopes;
      if (!listedType) return [];
      const actionType = v3 ? (V3_ACTION_NAMES[listedType] ?? listedType) : listedType;
      return [{ actionType, scopes: (Array.isArray(scopes) ? scopes : []).filter((s): s is ActionScope => SCOPES.includes(s as string)) }];
    }),
  };
}

/** 3.0 action names in the app's (2.x) vocabulary; v3-outbound.ts renames them back on the way out. */
const V3_ACTION_NAMES: Record<string, string> = { initializePosition: 'initPosition' };

/** Whether the factsheet lists `actionType` for `scope`. */
export function supportsAction(summary: FactsheetSummary, actionType: string, scope: ActionScope): boolean {
  return summary.supportedActions.some((a) => a.actionType === actionType && a.scopes.includes(scope));
}
