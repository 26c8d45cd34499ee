// What a 3.0 robot sends about zone traffic and its path passes the official 3.0.0 schemas: states with zoneSets,
// zoneRequests in every status and intermediatePath (an order's, an own task's, heading due west), visualizations
// with intermediatePath; and the zoneSet and responses messages the tests feed it are themselves schema-valid.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from '../protocol/schema-validator';
import { buildAgvState } from './agv-messages';
import type { AgvModel } from './agv-model';
import { makeCtx, modelAt, run } from './agv-test-fixtures';
import { IntermediatePathCache } from './intermediate-path';
import { receiveOrder } from './order-accept';
import { buildVisualization, HeaderSequence } from './vda-messages';
import { stateToV3, visualizationToV3 } from './vda-v3';
import { zoneRequestsReport, zoneSetsReport } from './zone-traffic';
import { responsesMessage, respond, sendZoneSet, throughDock2, zoneSetMessage } from './zone-test-fixtures';

const schemas = createSchemaValidator();
const ctx = makeCtx();
const headers = new HeaderSequence('SimRobotics', 'T-1', '3.0.0');
const now = '2026-12-03T08:00:00.000Z';

// The app's validator compiles only the topics it receives; the two the robot receives are compiled here.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, strictNumbers: true }));
ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff });
const official = (topic: 'zoneSet' | 'responses') =>
  ajv.compile(JSON.parse(readFileSync(new URL(`../protocol/schemas/3.0.0/${topic}.schema.json`, import.meta.url), 'utf8')) as object);

function v3State(m: AgvModel, path = new IntermediatePathCache()) {
  const extras = { zoneSets: zoneSetsReport(m.zones), zoneRequests: zoneRequestsReport(m.zones), intermediatePath: path.get(m, ctx, now) };
  return stateToV3(buildAgvState(headers.next('state', now), m, ctx), new Set(), extras);
}
const v3Vis = (m: AgvModel) =>
  visualizationToV3(
    buildVisualization(headers.next('visualization', now), m.robot, 'warehouse-1'),
    0,
    new IntermediatePathCache().get(m, ctx, now),
  );
const valid = (topic: 'state' | 'visualization', msg: object) =>
  expect(schemas.validate(topic, '3.0.0', msg), JSON.stringify(msg).slice(0, 400)).toEqual({ ok: true });

describe('zone traffic and paths in 3.0 messages', () => {
  it('the zoneSet and responses messages of the tests are valid 3.0.0', () => {
    const zoneSet = official('zoneSet');
    const responses = official('responses');
    expect(zoneSet(zoneSetMessage()), JSON.stringify(zoneSet.errors)).toBe(true);
    const answers = responsesMessage(
      { requestId: 'zr-1', grantType: 'GRANTED', leaseExpiry: '2026-12-03T08:01:00.000Z' },
      { requestId: 'zr-2', grantType: 'QUEUED' },
    );
    expect(responses(answers), JSON.stringify(responses.errors)).toBe(true);
  });

  it('an idle robot reports empty zoneSets and zoneRequests and no intermediatePath', () => {
    const m = modelAt('n-026');
    run(m, ctx, 1);
    const s = v3State(m);
    valid('state', s);
    expect(s).toMatchObject({ zoneSets: [], zoneRequests: [] });
    expect(s).not.toHaveProperty('intermediatePath');
    expect(v3Vis(m)).not.toHaveProperty('intermediatePath');
  });

  it('states with zone requests in every status, the zone set and the path ahead are valid', () => {
    const m = modelAt('n-026');
    sendZoneSet(m);
    receiveOrder(m, throughDock2('o-1'), ctx);
    run(m, ctx, 30);
    let s = v3State(m);
    valid('state', s);
    expect(s).toMatchObject({
      zoneSets: [{ zoneSetId: 'default-zones', mapId: 'warehouse-1', zoneSetStatus: 'ENABLED' }],
      zoneRequests: [
        { requestId: 'zr-1', requestType: 'ACCESS', zoneId: 'release-dock-2', zoneSetId: 'default-zones', requestStatus: 'REQUESTED' },
      ],
      intermediatePath: { polyline: expect.arrayContaining([expect.objectContaining({ x: 18, y: 2.5 })]) },
    });
    valid('visualization', v3Vis(m));

    respond(m, 'zr-1', 'GRANTED', 30);
    run(m, ctx, 5);
    respond(m, 'zr-1', 'REVOKED');
    run(m, ctx, 0.1);
    s = v3State(m);
    valid('state', s);
    expect((s.zoneRequests as { requestStatus: string }[]).map((r) => r.requestStatus)).toEqual(['REVOKED', 'REQUESTED']);
    respond(m, 'zr-2', 'GRANTED', 1);
    run(m, ctx, 1.5);
    s = v3State(m);
    valid('state', s);
    expect((s.zoneRequests as { requestStatus: string }[]).map((r) => r.requestStatus)).toEqual(['EXPIRED', 'REQUESTED']);
  });

  it('a robot on its own task reports its route, and a path heading due west stays within the heading bounds', () => {
    const own = modelAt('n-004');
    own.robot = { ...own.robot, activity: 'driving', route: ['n-004', 'n-026', 'n-002'], routePoints: [], next: 1 };
    own.robot.routePoints = [
      { x: 18, y: 6 },
      { x: 13.5, y: 6 },
      { x: 9, y: 6 },
    ];
    const s = v3State(own);
    valid('state', s);
    const polyline = (s.intermediatePath as { polyline: { theta: number }[] }).polyline;
    // Due west is ±π, which the schema's ±3.14159265359 bound would refuse once rounded up: truncated to 3 decimals.
    expect(polyline.map((p) => p.theta)).toEqual([Math.trunc(Math.PI * 1000) / 1000, Math.trunc(Math.PI * 1000) / 1000]);
    valid('visualization', v3Vis(own));
  });
});
