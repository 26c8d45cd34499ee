// VDA 5050 3.0 robot messages in the app's one internal model (the 2.x vocabulary of messages.ts), so the ledger,
// the fleet view, history and alerts treat a mixed fleet alike. Pure; the input has passed the official 3.0.0
// schema. The raw 3.0 message stays with the inspector; what is renamed or folded here:
// - mobileRobotPosition → agvPosition (`localized` → `positionInitialized`); powerSupply → batteryState
//   (`stateOfCharge` → `batteryCharge`, `range` → `reach`); safetyState.activeEmergencyStop → eStop;
// - instantActionStates join actionStates (the ledger follows both by actionId); `actionDescriptor`,
//   `actionResult`, `nodeDescriptor`, `edgeDescriptor`, `infoDescriptor` → their 2.x `…Description` names;
// - connection CONNECTION_BROKEN → CONNECTIONBROKEN (HIBERNATING is kept); operating mode TEACH_IN → TEACHIN
//   (STARTUP and INTERVENED are kept);
// - error levels: 3.0 has four, the model two. URGENT counts as WARNING and CRITICAL as FATAL (both stop the
//   robot's work); the 3.0 level is then named at the end of the error's description, so nobody loses it.
// - intermediatePath, zoneRequests, edgeRequests and zoneSets are carried as they are (without a request's
//   trajectory); plannedPath (a NURBS) and zoneActionStates stay with the inspector's raw message.
import type {
  ActionState,
  ActionStatus,
  AgvPosition,
  BatteryState,
  ConnectionMessage,
  ConnectionState,
  ErrorLevel,
  FactsheetMessage,
  OperatingMode,
  PathPoint,
  EdgeRequest,
  ZoneRequest,
  RobotMessage,
  RobotTopic,
  StateMessage,
  VdaError,
  VisualizationMessage,
} from './messages';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as unknown[]).map(obj) : []);
const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

function position(p: Json): AgvPosition {
  return {
    x: p.x as number,
    y: p.y as number,
    theta: p.theta as number,
    mapId: p.mapId as string,
    positionInitialized: p.localized as boolean,
    ...opt('localizationScore', p.localizationScore as number | undefined),
    ...opt('deviationRange', p.deviationRange as number | undefined),
  };
}

function battery(p: Json): BatteryState {
  return {
    batteryCharge: p.stateOfCharge as number,
    charging: p.charging as boolean,
    ...opt('batteryVoltage', p.batteryVoltage as number | undefined),
    ...opt('batteryHealth', p.batteryHealth as number | undefined),
    ...opt('reach', p.range as number | undefined),
  };
}

function action(a: Json): ActionState {
  return {
    actionId: a.actionId as string,
    actionStatus: a.actionStatus as ActionStatus,
    ...opt('actionType', a.actionType as string | undefined),
    ...opt('actionDescription', a.actionDescriptor as string | undefined),
    ...opt('resultDescription', a.actionResult as string | undefined),
  };
}

const LEVELS: Record<string, ErrorLevel> = { WARNING: 'WARNING', URGENT: 'WARNING', CRITICAL: 'FATAL', FATAL: 'FATAL' };

function error(e: Json): VdaError {
  const level = e.errorLevel as string;
  const mapped = LEVELS[level] ?? 'FATAL';
  const text = e.errorDescription as string | undefined;
  const description = mapped === level ? text : `${text ? `${text} ` : ''}(VDA 5050 3.0 level ${level})`;
  return {
    errorType: e.errorType as string,
    errorLevel: mapped,
    ...opt('errorDescription', description),
    ...opt('errorReferences', e.errorReferences as VdaError['errorReferences']),
  };
}

const MODES: Record<string, OperatingMode> = { TEACH_IN: 'TEACHIN' };
const CONNECTIONS: Record<string, ConnectionState> = { CONNECTION_BROKEN: 'CONNECTIONBROKEN' };

export function stateFromV3(m: Json): StateMessage {
  const {
    mobileRobotPosition,
    powerSupply,
    instantActionStates,
    actionStates,
    safetyState,
    operatingMode,
    errors,
    nodeStates,
    edgeStates,
    information,
    plannedPath: _plannedPath,
    intermediatePath,
    zoneRequests,
    edgeRequests,
    zoneSets,
    zoneActionStates: _zoneActionStates,
    ...rest
  } = m;
  const safety = obj(safetyState);
  return {
    ...(rest as unknown as StateMessage),
    ...(mobileRobotPosition !== undefined && { agvPosition: position(obj(mobileRobotPosition)) }),
    batteryState: battery(obj(powerSupply)),
    actionStates: [...list(actionStates), ...list(instantActionStates)].map(action),
    safetyState: {
      eStop: safety.activeEmergencyStop as StateMessage['safetyState']['eStop'],
      fieldViolation: safety.fieldViolation as boolean,
    },
    operatingMode: MODES[operatingMode as string] ?? (operatingMode as OperatingMode),
    errors: list(errors).map(error),
    ...(intermediatePath !== undefined && { intermediatePath: list(obj(intermediatePath).polyline) as unknown as PathPoint[] }),
    ...(zoneRequests !== undefined && {
      zoneRequests: list(zoneRequests).map(({ trajectory: _t, ...z }) => z as unknown as ZoneRequest),
    }),
    ...(edgeRequests !== undefined && { edgeRequests: list(edgeRequests) as unknown as EdgeRequest[] }),
    ...(zoneSets !== undefined && { zoneSets: list(zoneSets) as unknown as NonNullable<StateMessage['zoneSets']> }),
    nodeStates: list(nodeStates).map(({ nodeDescriptor, ...n }) => ({
      ...(n as unknown as StateMessage['nodeStates'][number]),
      ...opt('nodeDescription', nodeDescriptor as string | undefined),
    })),
    edgeStates: list(edgeStates).map(({ edgeDescriptor, trajectory: _trajectory, ...e }) => ({
      ...(e as unknown as StateMessage['edgeStates'][number]),
      ...opt('edgeDescription', edgeDescriptor as string | undefined),
    })),
    ...(information !== undefined && {
      information: list(information).map(({ infoDescriptor, infoReferences: _refs, ...i }) => ({
        ...(i as { infoType: string; infoLevel: 'INFO' | 'DEBUG' }),
        ...opt('infoDescription', infoDescriptor as string | undefined),
      })),
    }),
  };
}

export function visualizationFromV3(m: Json): VisualizationMessage {
  const { mobileRobotPosition, referenceStateHeaderId: _ref, plannedPath: _p, intermediatePath: _i, ...rest } = m;
  return {
    ...(rest as unknown as VisualizationMessage),
    ...(mobileRobotPosition !== undefined && { agvPosition: position(obj(mobileRobotPosition)) }),
  };
}

export function connectionFromV3(m: Json): ConnectionMessage {
  const state = m.connectionState as string;
  return { ...(m as unknown as ConnectionMessage), connectionState: CONNECTIONS[state] ?? (state as ConnectionState) };
}

/** A schema-valid 3.0 message as the internal model. The factsheet is kept whole: summariseFactsheet reads both. */
export function robotMessageFromV3(topic: RobotTopic, m: Json): RobotMessage {
  switch (topic) {
    case 'state':
      return { topic, message: stateFromV3(m) };
    case 'visualization':
      return { topic, message: visualizationFromV3(m) };
    case 'connection':
      return { topic, message: connectionFromV3(m) };
    case 'factsheet':
      return { topic, message: m as unknown as FactsheetMessage };
  }
}
