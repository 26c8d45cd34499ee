// VDA 5050 3.0 zone traffic control end to end through the broker: hand-written 3.0 robots (not the simulator)
// receive the site's zone set, ask for a dock's RELEASE zone and for an edge, and get schema-valid `responses`:
// first come first served, the second robot queued and granted when the first lets go, leases that end, an
// operator's revoke, refusals with reasons, every decision in the request log. A 2.0 robot gets none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandWrittenRobot } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot';
import { HandWrittenRobotV3 } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot-v3';
import { createApp, type App } from './app';
import { siteZoneSet } from './domain/zones/site-zones';
import { createSchemaValidator } from './protocol/schema-validator';
import { robotLogin } from './testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from './testing/test-env';

const MAKER = 'Zone Works';
const LEASE_MS = 1500;
let app: App;
let cleanup: () => Promise<void>;
let a: HandWrittenRobotV3;
let b: HandWrittenRobotV3;
let old: HandWrittenRobot;
const schemas = createSchemaValidator();

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '0' });
  cleanup = t.cleanup;
  app = await createApp(t.config, {
    logger: testLogger,
    zones: { arbiter: { leaseMs: LEASE_MS, resendMs: 60_000 }, tickMs: 100, flushMs: 100 },
  });
  const join = async (serial: string) => {
    const r = await HandWrittenRobotV3.connect(app.brokerUrl, t.config.VDA_INTERFACE, MAKER, serial, await robotLogin(app, MAKER, serial));
    await r.subscribeZoneTopics();
    await r.connection('ONLINE');
    return r;
  };
  a = await join('ZW-A');
  b = await join('ZW-B');
  old = await HandWrittenRobot.connect(app.brokerUrl, t.config.VDA_INTERFACE, MAKER, 'ZW-2', await robotLogin(app, MAKER, 'ZW-2'));
  await old.online();
}, 60_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await old?.close();
  await app?.stop();
  await cleanup?.();
});

const idOf = (serial: string) => app.runtime.fleet.list().find((r) => r.serialNumber === serial)?.id;
const zoneSetId = () => siteZoneSet(app.map).zoneSetId;
const enabled = () => [{ zoneSetId: zoneSetId(), mapId: app.map.mapId, zoneSetStatus: 'ENABLED' }];
const dockZone = 'release-dock-1';
const access = (requestId: string, requestStatus = 'REQUESTED', zoneId = dockZone) => ({
  requestId,
  requestType: 'ACCESS',
  zoneId,
  zoneSetId: zoneSetId(),
  requestStatus,
});

/** The answers a robot got for one request, in order. */
const answers = (r: HandWrittenRobotV3, requestId: string) =>
  r
    .of('responses')
    .flatMap((m) => m.responses as { requestId: string; grantType: string; leaseExpiry?: string }[])
    .filter((x) => x.requestId === requestId);

/** What the robot's states say from now on (it repeats them in every state, as a robot does). */
const report = (r: HandWrittenRobotV3, fields: Record<string, unknown>) => {
  r.standing = fields;
  return r.publishState();
};

const answered = (r: HandWrittenRobotV3, requestId: string, grantType: string) =>
  waitFor(`${r.serialNumber} ${requestId} ${grantType}`, () => answers(r, requestId).find((x) => x.grantType === grantType) ?? null, 5000);

describe('zone traffic control for VDA 5050 3.0 robots', () => {
  it('hands a 3.0 robot the site zone set (schema-valid) until its state lists it, and a 2.0 robot nothing', async () => {
    await a.publishState();
    const [zs] = await waitFor('zoneSet at robot A', () => (a.of('zoneSet').length ? a.of('zoneSet') : null), 5000);
    expect(schemas.validate('zoneSet', '3.0.0', zs)).toEqual({ ok: true });
    const zoneSet = zs!.zoneSet as { zoneSetId: string; mapId: string; zones: { zoneId: string; zoneType: string }[] };
    expect(zoneSet).toMatchObject({ zoneSetId: zoneSetId(), mapId: app.map.mapId });
    const docks = app.map.nodes.filter((n) => n.place?.kind === 'dock');
    expect(zoneSet.zones.map((z) => z.zoneId)).toEqual(docks.map((d) => `release-${d.id}`));
    expect(zoneSet.zones.every((z) => z.zoneType === 'RELEASE')).toBe(true);
    // Once listed as enabled it is not sent again.
    await report(a, { zoneSets: enabled() });
    await report(b, { zoneSets: enabled() });
    await old.publishState({});
    await new Promise((r) => setTimeout(r, 300));
    expect(a.of('zoneSet')).toHaveLength(1);
    expect(b.of('zoneSet')).toHaveLength(0);
    expect(app.zones.stats().zoneSetsSent).toBe(1);
  });

  it('grants a free dock zone, queues the second robot, and grants it when the first lets go', async () => {
    await report(a, { zoneSets: enabled(), zoneRequests: [access('a-1')] });
    const granted = await answered(a, 'a-1', 'GRANTED');
    expect(Date.parse(granted.leaseExpiry!)).toBeGreaterThan(Date.now());
    for (const m of a.of('responses')) expect(schemas.validate('responses', '3.0.0', m)).toEqual({ ok: true });

    await report(b, { zoneSets: enabled(), zoneRequests: [access('b-1')] });
    await answered(b, 'b-1', 'QUEUED');
    const zone = app.runtime.zones.overview().zones.find((z) => z.zoneId === dockZone)!;
    expect(zone.status.holder).toMatchObject({ robotId: idOf('ZW-A'), requestId: 'a-1' });
    expect(zone.status.queue).toEqual([expect.objectContaining({ robotId: idOf('ZW-B'), requestId: 'b-1' })]);

    // A leaves the zone: its state no longer lists the request.
    await report(a, { zoneSets: enabled(), zoneRequests: [] });
    await answered(b, 'b-1', 'GRANTED');
    expect(app.runtime.zones.overview().zones.find((z) => z.zoneId === dockZone)!.status.holder).toMatchObject({ robotId: idOf('ZW-B') });
  });

  it('renews a holder that asks again; an unrenewed lease ends and frees the zone', async () => {
    await report(b, { zoneSets: enabled(), zoneRequests: [access('b-1', 'GRANTED'), access('b-2')] });
    await answered(b, 'b-2', 'GRANTED');
    await waitFor(
      'the lease ended',
      () => (app.runtime.zones.overview().zones.find((z) => z.zoneId === dockZone)!.status.holder === null ? true : null),
      LEASE_MS + 3000,
    );
    const log = await app.runtime.zones.requests({ robotId: idOf('ZW-B'), limit: 10 });
    expect(log[0]).toMatchObject({ decision: 'EXPIRED', resource: dockZone, requestId: 'b-2' });
    await report(b, { zoneSets: enabled(), zoneRequests: [] });
  });

  it('guards an edge (CORRIDOR) the same way and refuses what it cannot grant, with the reason', async () => {
    const edge = app.map.edges[0]!.id;
    const corridor = (requestId: string, edgeId = edge) => ({
      requestId,
      requestType: 'CORRIDOR',
      edgeId,
      sequenceId: 1,
      requestStatus: 'REQUESTED',
    });
    await report(a, { zoneSets: enabled(), edgeRequests: [corridor('a-e1')] });
    await answered(a, 'a-e1', 'GRANTED');
    await report(b, {
      zoneSets: enabled(),
      edgeRequests: [corridor('b-e1'), corridor('b-e2', 'no-such-edge')],
      zoneRequests: [access('b-z', 'REQUESTED', 'no-such-zone')],
    });
    await answered(b, 'b-e1', 'QUEUED');
    await answered(b, 'b-e2', 'REJECTED');
    await answered(b, 'b-z', 'REJECTED');
    const log = await app.runtime.zones.requests({ robotId: idOf('ZW-B'), limit: 20 });
    expect(log.find((r) => r.requestId === 'b-e2')).toMatchObject({
      kind: 'edge',
      decision: 'REJECTED',
      reason: 'unknown edge no-such-edge',
    });
    expect(log.find((r) => r.requestId === 'b-z')).toMatchObject({
      kind: 'zone',
      decision: 'REJECTED',
      reason: 'unknown zone no-such-zone',
    });
    // A made-up zone id of 10,000 characters is refused, and logged cut to a bound (b-e1 still waits).
    await report(b, {
      zoneSets: enabled(),
      edgeRequests: [corridor('b-e1')],
      zoneRequests: [access('b-huge', 'REQUESTED', 'z'.repeat(10_000))],
    });
    await answered(b, 'b-huge', 'REJECTED');
    const [hostile] = await app.runtime.zones.requests({ robotId: idOf('ZW-B'), limit: 1 });
    expect(hostile!.resource.length).toBeLessThan(300);
    expect(hostile!.reason.length).toBeLessThan(600);
    const perEdge = await app.runtime.zones.requests({ kind: 'edge', resource: edge, limit: 20 });
    expect(perEdge.map((r) => [r.requestId, r.decision])).toEqual(
      expect.arrayContaining([
        ['a-e1', 'GRANTED'],
        ['b-e1', 'QUEUED'],
      ]),
    );
    expect(app.runtime.zones.overview().edges).toEqual([
      expect.objectContaining({ kind: 'edge', id: edge, holder: expect.objectContaining({ robotId: idOf('ZW-A') }) }),
    ]);
  });

  it('an operator revokes a grant: the holder is told REVOKED, and the next robot is granted once the holder lets go', async () => {
    const edge = app.map.edges[0]!.id;
    const result = app.runtime.zones.revoke('edge', edge, 'it-operator@example.com');
    expect(result).toEqual({ revoked: true, robotId: idOf('ZW-A') });
    await answered(a, 'a-e1', 'REVOKED');
    await report(a, { zoneSets: enabled(), edgeRequests: [] });
    await answered(b, 'b-e1', 'GRANTED');
    const log = await app.runtime.zones.requests({ kind: 'edge', resource: edge, limit: 20 });
    expect(log.find((r) => r.decision === 'REVOKED')).toMatchObject({ reason: 'revoked by it-operator@example.com', requestId: 'a-e1' });
    expect(app.runtime.zones.revoke('zone', 'no-such-zone', 'x')).toEqual({ revoked: false, robotId: null });
  });

  it('the zone traffic messages show in the protocol inspector, and the 2.0 robot got none', async () => {
    const sent = app.protocol.stats(idOf('ZW-A')!)!.sent as Record<string, number>;
    expect(sent.zoneSet).toBe(1);
    expect(sent.responses).toBeGreaterThan(0);
    expect(old.received.filter((m) => m.topic !== 'order' && m.topic !== 'instantActions')).toEqual([]);
    expect(app.zones.stats()).toMatchObject({ sendErrors: 0, logDropped: 0 });
  });

  it("every decision is on the robot's timeline (history.events), worded", async () => {
    const events = await app.runtime.history.events({
      from: 0,
      to: Date.now() + 1000,
      robotIds: [idOf('ZW-B')!],
      kinds: ['zone_request'],
      limit: 50,
    });
    const texts = events.map((e) => e.summary);
    expect(texts).toEqual(
      expect.arrayContaining([
        `Zone ${dockZone}: queued (held by ZW-A; position 1 in the queue)`,
        'Edge no-such-edge: rejected (unknown edge no-such-edge)',
      ]),
    );
    expect(events.find((e) => e.detail.decision === 'REJECTED')).toMatchObject({ category: 'zone', level: 'warning' });
  });
});
