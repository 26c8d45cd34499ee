import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoutePlanner } from '../domain/route-planner';
import type { WarehouseMap } from '../domain/warehouse-map';
import { DEFAULT_LIMITS } from './kinematics';
import { createRobotState, stepRobot, type BehaviourContext } from './robot-behaviour';
import { DEFAULT_BEHAVIOUR } from './behaviour-config';
import { startPositions } from './start-positions';
import { buildConnection, buildFactsheet, buildState, buildVisualization, HeaderSequence } from './vda-messages';

const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
const planner = createRoutePlanner(map);

// Structural checks of the required fields of the VDA 5050 2.0.0 schemas (state, visualization, connection, factsheet).
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function problems(m: unknown, kind: 'state' | 'visualization' | 'connection' | 'factsheet'): string[] {
  const out: string[] = [];
  const need = (cond: boolean, what: string): void => void (cond || out.push(what));
  if (!isObj(m)) return ['not an object'];
  need(Number.isInteger(m.headerId) && (m.headerId as number) >= 0, 'headerId');
  need(typeof m.timestamp === 'string' && ISO_MS.test(m.timestamp), 'timestamp');
  need(m.version === '2.0.0', 'version');
  need(typeof m.manufacturer === 'string' && m.manufacturer !== '', 'manufacturer');
  need(typeof m.serialNumber === 'string' && m.serialNumber !== '', 'serialNumber');
  const position = (p: unknown): void => {
    need(isObj(p), 'agvPosition');
    if (!isObj(p)) return;
    for (const k of ['x', 'y', 'theta']) need(typeof p[k] === 'number' && Number.isFinite(p[k]), `agvPosition.${k}`);
    need(p.mapId === map.mapId, 'agvPosition.mapId');
    need(p.positionInitialized === true, 'agvPosition.positionInitialized');
  };
  if (kind === 'visualization') {
    position(m.agvPosition);
    need(isObj(m.velocity) && typeof m.velocity.vx === 'number' && typeof m.velocity.omega === 'number', 'velocity');
  }
  if (kind === 'state') {
    need(typeof m.orderId === 'string', 'orderId');
    need(Number.isInteger(m.orderUpdateId), 'orderUpdateId');
    need(typeof m.lastNodeId === 'string', 'lastNodeId');
    need(Number.isInteger(m.lastNodeSequenceId), 'lastNodeSequenceId');
    need(typeof m.driving === 'boolean', 'driving');
    need(m.operatingMode === 'AUTOMATIC', 'operatingMode');
    for (const k of ['nodeStates', 'edgeStates', 'actionStates', 'errors']) need(Array.isArray(m[k]), k);
    for (const n of (m.nodeStates as unknown[]) ?? [])
      need(isObj(n) && typeof n.nodeId === 'string' && Number.isInteger(n.sequenceId) && typeof n.released === 'boolean', 'nodeStates[]');
    for (const e of (m.edgeStates as unknown[]) ?? [])
      need(isObj(e) && typeof e.edgeId === 'string' && Number.isInteger(e.sequenceId) && typeof e.released === 'boolean', 'edgeStates[]');
    for (const a of (m.actionStates as unknown[]) ?? [])
      need(isObj(a) && typeof a.actionId === 'string' && typeof a.actionStatus === 'string', 'actionStates[]');
    for (const e of (m.errors as unknown[]) ?? [])
      need(isObj(e) && typeof e.errorType === 'string' && (e.errorLevel === 'WARNING' || e.errorLevel === 'FATAL'), 'errors[]');
    const b = m.batteryState;
    need(
      isObj(b) && typeof b.batteryCharge === 'number' && b.batteryCharge >= 0 && b.batteryCharge <= 100 && typeof b.charging === 'boolean',
      'batteryState',
    );
    need(isObj(m.safetyState) && m.safetyState.eStop === 'NONE' && typeof m.safetyState.fieldViolation === 'boolean', 'safetyState');
    position(m.agvPosition);
  }
  if (kind === 'connection') need(['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN'].includes(m.connectionState as string), 'connectionState');
  if (kind === 'factsheet') {
    for (const k of ['typeSpecification', 'physicalParameters', 'protocolLimits', 'protocolFeatures', 'agvGeometry', 'loadSpecification'])
      need(isObj(m[k]), k);
    const t = m.typeSpecification as Json;
    for (const k of ['seriesName', 'agvKinematic', 'agvClass', 'maxLoadMass', 'localizationTypes', 'navigationTypes'])
      need(t?.[k] !== undefined, `typeSpecification.${k}`);
    const p = m.physicalParameters as Json;
    for (const k of ['speedMin', 'speedMax', 'accelerationMax', 'decelerationMax', 'heightMin', 'heightMax', 'width', 'length'])
      need(typeof p?.[k] === 'number', `physicalParameters.${k}`);
    const l = m.protocolLimits as Json;
    need(isObj(l?.maxStringLens) && isObj(l?.maxArrayLens) && isObj(l?.timing), 'protocolLimits');
    const f = m.protocolFeatures as Json;
    need(Array.isArray(f?.optionalParameters) && Array.isArray(f?.agvActions), 'protocolFeatures');
  }
  return out;
}

describe('VDA 5050 messages built by the simulator', () => {
  it('every state and visualization over a busy run has the required fields, headerIds counting up from 0', () => {
    const ctx: BehaviourContext = {
      planner,
      config: { ...DEFAULT_BEHAVIOUR, pausesPerMin: 2, warningsPerMin: 2, fatalsPerMin: 1, drainDrivingPerMin: 10, chargePerMin: 40 },
    };
    const headers = new HeaderSequence('SimRobotics', 'SIM-0001');
    let s = createRobotState(42, startPositions(map, 1, 42)[0]!, 30);
    const seen = { errors: 0, charging: 0, orders: new Set<string>() };
    const bad: string[] = [];
    for (let i = 0; i < 6000; i++) {
      s = stepRobot(s, 0.1, ctx).state;
      const ts = new Date(Date.UTC(2025, 0, 1) + i * 100).toISOString();
      const vis = JSON.parse(JSON.stringify(buildVisualization(headers.next('visualization', ts), s, map.mapId))) as Json;
      const state = JSON.parse(JSON.stringify(buildState(headers.next('state', ts), s, planner))) as Json;
      for (const p of problems(vis, 'visualization')) bad.push(`tick ${i} visualization ${p}`);
      for (const p of problems(state, 'state')) bad.push(`tick ${i} state ${p}`);
      if (vis.headerId !== i || state.headerId !== i) bad.push(`tick ${i} headerId`);
      if (s.errors.length) seen.errors++;
      if (s.charging) seen.charging++;
      seen.orders.add(s.orderId);
    }
    expect(bad.slice(0, 10)).toEqual([]);
    // The run covered the interesting cases.
    expect(seen.errors).toBeGreaterThan(0);
    expect(seen.charging).toBeGreaterThan(0);
    expect(seen.orders.size).toBeGreaterThan(3);
  });

  it('connection and factsheet have the required fields', () => {
    const headers = new HeaderSequence('SimRobotics', 'SIM-0002');
    const ts = new Date().toISOString();
    expect(problems(buildConnection(headers.next('connection', ts), 'ONLINE'), 'connection')).toEqual([]);
    expect(problems(buildFactsheet(headers.next('factsheet', ts), DEFAULT_LIMITS, 10), 'factsheet')).toEqual([]);
    expect(headers.next('connection', ts).headerId).toBe(1);
  });

  it('lists only the nodes and edges still ahead, with VDA sequence ids', () => {
    let s = createRobotState(7, startPositions(map, 1, 7)[0]!, 80);
    for (let i = 0; i < 50; i++) s = stepRobot(s, 0.1, { planner, config: DEFAULT_BEHAVIOUR }).state;
    const state = buildState(new HeaderSequence('m', 's').next('state', new Date().toISOString()), s, planner);
    expect(state.nodeStates.map((n) => n.nodeId)).toEqual(s.route.slice(s.next));
    for (const n of state.nodeStates) expect(n.sequenceId % 2).toBe(0);
    for (const e of state.edgeStates) {
      expect(e.sequenceId % 2).toBe(1);
      expect(e.edgeId.startsWith('e-')).toBe(true);
    }
  });
});
