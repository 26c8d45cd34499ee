// The simulated robot's VDA 5050 3.0 dialect (pure): what it sends, built from the same model as 2.0 and renamed to
// 3.0's fields (a state adds zone traffic and the path ahead), and what it receives (3.0 orders and instant actions)
// in the shapes its order and action logic reads. Each message is checked against the official 3.0.0 schema by
// vda-v3.unit.test.ts and v3-zone-messages.unit.test.ts. This is the robot's side; the app's side
// (server/domain/vda5050/v3-*.ts) is written separately, so one cannot hide the other's bugs.
import type { ConnectionState, FactsheetMessage, StateMessage, VisualizationMessage, ZoneRequest } from '../domain/vda5050/messages';
import type { IntermediatePath } from './intermediate-path';
import type { InstantActionsMessage, OrderEdge, OrderMessage, OrderNode, VdaAction } from './vda-inbound';

export type SimProtocol = '2.0' | '3.0';
export const HEADER_VERSION: Record<SimProtocol, string> = { '2.0': '2.0.0', '3.0': '3.0.0' };
export const TOPIC_LEVEL: Record<SimProtocol, 'v2' | 'v3'> = { '2.0': 'v2', '3.0': 'v3' };

type Json = Record<string, unknown>;
const opt = (key: string, value: unknown): Json => (value === undefined ? {} : { [key]: value });

export function connectionStateV3(state: ConnectionState): string {
  return state === 'CONNECTIONBROKEN' ? 'CONNECTION_BROKEN' : state;
}

function position(p: NonNullable<StateMessage['agvPosition']>): Json {
  return {
    x: p.x,
    y: p.y,
    theta: p.theta,
    mapId: p.mapId,
    localized: p.positionInitialized,
    ...opt('localizationScore', p.localizationScore),
  };
}

/** 2.x action names this robot's model uses, as 3.0 spells them. */
const V3_ACTION_TYPE: Record<string, string> = { initPosition: 'initializePosition' };
const actionTypeV3 = (t: string | undefined) => (t === undefined ? undefined : (V3_ACTION_TYPE[t] ?? t));

/** What only a 3.0 state carries: zone traffic (zone-traffic.ts) and the path ahead (intermediate-path.ts). */
export interface V3StateExtras {
  zoneSets: { zoneSetId: string; mapId: string; zoneSetStatus: 'ENABLED' | 'DISABLED' }[];
  zoneRequests: ZoneRequest[];
  intermediatePath?: IntermediatePath | undefined;
}

type ActionStateV2 = StateMessage['actionStates'][number];
const actionV3 = (a: ActionStateV2): Json => ({
  actionId: a.actionId,
  actionStatus: a.actionStatus,
  ...opt('actionType', actionTypeV3(a.actionType)),
  ...opt('actionDescriptor', a.actionDescription),
  ...opt('actionResult', a.resultDescription),
});

/** 3.0's actionStates and instantActionStates: `instantIds` are the actions that came as instant actions. */
export function actionStatesV3(actionStates: readonly ActionStateV2[], instantIds: ReadonlySet<string>): [Json[], Json[]] {
  return [
    actionStates.filter((a) => !instantIds.has(a.actionId)).map(actionV3),
    actionStates.filter((a) => instantIds.has(a.actionId)).map(actionV3),
  ];
}

export const nodeStatesV3 = (nodeStates: StateMessage['nodeStates']): Json[] =>
  nodeStates.map(({ nodeDescription, ...n }) => ({ ...n, ...opt('nodeDescriptor', nodeDescription) }));

export const edgeStatesV3 = (edgeStates: StateMessage['edgeStates']): Json[] =>
  edgeStates.map(({ edgeDescription, ...e }) => ({ ...e, ...opt('edgeDescriptor', edgeDescription) }));

export const errorsV3 = (errors: StateMessage['errors']): Json[] =>
  errors.map((e) => ({
    errorType: e.errorType,
    errorLevel: e.errorLevel,
    ...opt('errorDescription', e.errorDescription),
    ...opt('errorReferences', e.errorReferences),
  }));

/** `instantIds`: the actions that came as instant actions; 3.0 reports them apart from the order's. */
export function stateToV3(s: StateMessage, instantIds: ReadonlySet<string>, extras?: V3StateExtras): Json {
  const { agvPosition, batteryState, safetyState, actionStates, errors, nodeStates, edgeStates, operatingMode, zoneSetId: _z, ...rest } = s;
  const [orderActions, instantActions] = actionStatesV3(actionStates, instantIds);
  return {
    ...rest,
    operatingMode: operatingMode === 'TEACHIN' ? 'TEACH_IN' : operatingMode,
    nodeStates: nodeStatesV3(nodeStates),
    edgeStates: edgeStatesV3(edgeStates),
    ...(agvPosition && { mobileRobotPosition: position(agvPosition) }),
    powerSupply: {
      stateOfCharge: batteryState.batteryCharge,
      charging: batteryState.charging,
      ...opt('batteryVoltage', batteryState.batteryVoltage),
      ...opt('batteryHealth', batteryState.batteryHealth),
      ...opt('range', batteryState.reach),
    },
    actionStates: orderActions,
    instantActionStates: instantActions,
    errors: errorsV3(errors),
    // 3.0 has no AUTOACK: an acknowledge-free stop is still a stop the robot holds itself.
    safetyState: {
      activeEmergencyStop: activeEmergencyStopV3(safetyState.eStop),
      fieldViolation: safetyState.fieldViolation,
    },
    ...(extras && { zoneSets: extras.zoneSets, zoneRequests: extras.zoneRequests }),
    ...opt('intermediatePath', extras?.intermediatePath),
  };
}

export const activeEmergencyStopV3 = (eStop: StateMessage['safetyState']['eStop']): string => (eStop === 'AUTOACK' ? 'MANUAL' : eStop);

/** `referenceStateHeaderId`: the headerId of the last state sent (3.0 ties each visualization to one). */
export function visualizationToV3(v: VisualizationMessage, referenceStateHeaderId: number, path?: IntermediatePath): Json {
  const { agvPosition, ...rest } = v;
  return {
    ...rest,
    referenceStateHeaderId,
    ...(agvPosition && { mobileRobotPosition: position(agvPosition) }),
    ...opt('intermediatePath', path),
  };
}

export function factsheetToV3(f: FactsheetMessage): Json {
  const t = f.typeSpecification;
  const p = f.physicalParameters;
  const limits = f.protocolLimits as { timing?: Json };
  const timing = limits.timing ?? {};
  const geometry = f.agvGeometry as { wheelDefinitions?: unknown[]; envelopes2d?: { set: string; polygonPoints: unknown[] }[] };
  const actions = (f.protocolFeatures.agvActions ?? []) as { actionType: string; actionScopes: string[] }[];
  return {
    headerId: f.headerId,
    timestamp: f.timestamp,
    version: f.version,
    manufacturer: f.manufacturer,
    serialNumber: f.serialNumber,
    typeSpecification: {
      seriesName: t.seriesName,
      ...opt('seriesDescription', t.seriesDescription),
      mobileRobotKinematics: t.agvKinematic,
      mobileRobotClass: t.agvClass,
      maximumLoadMass: t.maxLoadMass,
      localizationTypes: t.localizationTypes,
      navigationTypes: t.navigationTypes,
    },
    physicalParameters: {
      minimumSpeed: p.speedMin,
      maximumSpeed: p.speedMax,
      maximumAcceleration: p.accelerationMax,
      maximumDeceleration: p.decelerationMax,
      minimumHeight: p.heightMin,
      maximumHeight: p.heightMax,
      width: p.width,
      length: p.length,
    },
    protocolLimits: {
      maximumStringLengths: {},
      maximumArrayLengths: {},
      timing: {
        minimumOrderInterval: timing.minOrderInterval,
        minimumStateInterval: timing.minStateInterval,
        ...opt('defaultStateInterval', timing.defaultStateInterval),
        ...opt('visualizationInterval', timing.visualizationInterval),
      },
    },
    protocolFeatures: {
      optionalParameters: [],
      mobileRobotActions: actions.map((a) => ({
        actionType: actionTypeV3(a.actionType),
        actionScopes: a.actionScopes,
        // The simulated actions are short and can always be stopped: pausing or cancelling one is allowed.
        pauseAllowed: true,
        cancelAllowed: true,
      })),
    },
    mobileRobotGeometry: {
      ...opt('wheelDefinitions', geometry.wheelDefinitions),
      ...(geometry.envelopes2d && {
        envelopes2d: geometry.envelopes2d.map((e) => ({ envelope2dId: e.set, vertices: e.polygonPoints })),
      }),
    },
    loadSpecification: f.loadSpecification,
  };
}

const V2_ACTION_TYPE: Record<string, string> = { initializePosition: 'initPosition' };

function actionFromV3(a: Json): VdaAction {
  const type = a.actionType as string;
  return {
    actionId: a.actionId as string,
    actionType: V2_ACTION_TYPE[type] ?? type,
    blockingType: a.blockingType === 'SINGLE' ? 'HARD' : (a.blockingType as VdaAction['blockingType']),
    ...(a.actionDescriptor !== undefined && { actionDescription: a.actionDescriptor as string }),
    ...(a.actionParameters !== undefined && { actionParameters: a.actionParameters as VdaAction['actionParameters'] }),
  };
}

/**
 * A schema-valid 3.0 order in the robot's order shapes. 3.0 edges name no nodes: an edge joins the nodes whose
 * sequenceIds are one below and one above its own (the order's node/edge alternation).
 */
export function orderFromV3(m: Json): OrderMessage {
  const nodes = (m.nodes as Json[]).map((n): OrderNode => {
    const p = n.nodePosition as Json | undefined;
    const dev = p?.allowedDeviationXY as { a: number; b: number } | undefined;
    return {
      nodeId: n.nodeId as string,
      sequenceId: n.sequenceId as number,
      released: n.released as boolean,
      actions: (n.actions as Json[]).map(actionFromV3),
      ...(n.nodeDescriptor !== undefined && { nodeDescription: n.nodeDescriptor as string }),
      ...(p && {
        nodePosition: {
          x: p.x as number,
          y: p.y as number,
          mapId: p.mapId as string,
          ...(p.theta !== undefined && { theta: p.theta as number }),
          // The ellipse's smaller half-axis: a robot that keeps to it keeps to the whole ellipse.
          ...(dev && { allowedDeviationXY: Math.min(dev.a, dev.b) }),
        },
      }),
    };
  });
  const bySeq = new Map(nodes.map((n) => [n.sequenceId, n.nodeId]));
  const edges = (m.edges as Json[]).map((e): OrderEdge => {
    const seq = e.sequenceId as number;
    return {
      edgeId: e.edgeId as string,
      sequenceId: seq,
      released: e.released as boolean,
      // An edge whose neighbours are missing fails the robot's own order checks (order-accept.ts), as it should.
      startNodeId: bySeq.get(seq - 1) ?? '',
      endNodeId: bySeq.get(seq + 1) ?? '',
      actions: (e.actions as Json[]).map(actionFromV3),
      ...(e.edgeDescriptor !== undefined && { edgeDescription: e.edgeDescriptor as string }),
      ...(e.maximumSpeed !== undefined && { maxSpeed: e.maximumSpeed as number }),
    };
  });
  const { nodes: _n, edges: _e, orderDescription: _d, ...header } = m;
  return { ...(header as unknown as OrderMessage), nodes, edges };
}

export function instantActionsFromV3(m: Json): InstantActionsMessage {
  const { actions, ...header } = m;
  return { ...(header as unknown as InstantActionsMessage), actions: (actions as Json[]).map(actionFromV3) };
}
