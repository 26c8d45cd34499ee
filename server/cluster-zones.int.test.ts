// VDA 5050 3.0 zone traffic in a cluster of two app processes on one broker, bus and database: one arbiter, in the
// leader. A request is answered once (two arbiters would each answer, and could grant one zone twice); the other
// node shows the leader's view of the zones and passes an operator's revoke to it; when the leader goes, the
// other takes the arbiter over and adopts the grant a robot reports, so the zone never has two holders.
// Needs DATABASE_URL, BUS_URL and MQTT_URL; skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandWrittenRobotV3 } from './adapters/gateways/vda5050-mqtt/testing/hand-written-robot-v3';
import type { App } from './app';
import { siteZoneSet } from './domain/zones/site-zones';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { robotLogin } from './testing/mqtt-credentials';
import { waitFor } from './testing/test-env';

const run = clusterServices.all;
const MAKER = 'Zone Cluster';
let site: ClusterSite | null = null;
let n1: App;
let n2: App;
const robots: HandWrittenRobotV3[] = [];
let stopRepeating = () => {};

beforeAll(async () => {
  if (!run) return;
  site = await openClusterSite('zones');
  n1 = await site.startNode('1');
  n2 = await site.startNode('2');
}, 60_000);
afterAll(async () => {
  stopRepeating();
  for (const r of robots) await r.close();
  await site?.close();
});

const leaderAndOther = () => (n1.node.isLeader() ? [n1, n2] : [n2, n1]) as [App, App];
const answers = (r: HandWrittenRobotV3, requestId: string) =>
  r
    .of('responses')
    .flatMap((m) => m.responses as { requestId: string; grantType: string }[])
    .filter((x) => x.requestId === requestId)
    .map((x) => x.grantType);
const answered = (r: HandWrittenRobotV3, requestId: string, grantType: string) =>
  waitFor(`${r.serialNumber} ${requestId} ${grantType}`, () => answers(r, requestId).includes(grantType) || null, 8000);
const holderOf = (app: App, zoneId: string) => app.runtime.zones.overview().zones.find((z) => z.zoneId === zoneId)?.status.holder ?? null;
const idOf = (app: App, serial: string) => app.store.list().find((r) => r.serialNumber === serial)?.id;

describe.skipIf(!run)('zone traffic in a cluster', () => {
  it('one arbiter answers, the other node shows its view and passes a revoke on, a new leader adopts the grant', async () => {
    const zoneSet = siteZoneSet(n1.map);
    const zone = zoneSet.zones[0]!.zoneId;
    const enabled = [{ zoneSetId: zoneSet.zoneSetId, mapId: n1.map.mapId, zoneSetStatus: 'ENABLED' }];
    const access = (requestId: string, requestStatus = 'REQUESTED') => ({
      requestId,
      requestType: 'ACCESS',
      zoneId: zone,
      zoneSetId: zoneSet.zoneSetId,
      requestStatus,
    });
    const join = async (serial: string) => {
      const r = await HandWrittenRobotV3.connect(n1.brokerUrl, site!.prefix, MAKER, serial, await robotLogin(n1, MAKER, serial));
      robots.push(r);
      await r.subscribeZoneTopics();
      await r.connection('ONLINE');
      return r;
    };
    const [a, b] = [await join('ZC-A'), await join('ZC-B')];
    const report = (r: HandWrittenRobotV3, zoneRequests: unknown[]) => {
      r.standing = { zoneSets: enabled, zoneRequests };
      return r.publishState();
    };
    await report(a, []);
    await report(b, []);
    await waitFor('both nodes to know both robots', () => [n1, n2].every((n) => idOf(n, 'ZC-A') && idOf(n, 'ZC-B')) || null, 10_000);

    // A asks: granted once (not once per node); B asks for the same zone: queued.
    await report(a, [access('a-1')]);
    await answered(a, 'a-1', 'GRANTED');
    await report(b, [access('b-1')]);
    await answered(b, 'b-1', 'QUEUED');
    await new Promise((r) => setTimeout(r, 1500));
    expect(answers(a, 'a-1')).toEqual(['GRANTED']);
    expect(answers(b, 'b-1')).toEqual(['QUEUED']);

    // The node that does not lead shows the leader's view, and its revoke reaches the leader's arbiter.
    const [leader, other] = leaderAndOther();
    await waitFor('the other node to show A holding the zone', () => holderOf(other, zone)?.robotId === idOf(other, 'ZC-A') || null, 5000);
    expect(leader.runtime.zones.overview().source.kind).toBe('arbiter');
    expect(other.runtime.zones.overview().source).toMatchObject({ kind: 'relayed', node: leader.node.id });
    expect(other.runtime.zones.revoke('zone', zone, 'operator on the other node')).toEqual({ revoked: true, robotId: idOf(other, 'ZC-A') });
    await answered(a, 'a-1', 'REVOKED');
    const log = await waitFor(
      'the revoke in the request log',
      async () => (await other.runtime.zones.requests({ resource: zone, limit: 10 })).find((r) => r.decision === 'REVOKED') ?? null,
      5000,
    );
    expect(log.reason).toBe('revoked by operator on the other node');

    // A lets go: B is granted. Then the leader goes; the other leads, and adopts B's grant as B reports it.
    await report(a, []);
    await answered(b, 'b-1', 'GRANTED');
    await leader.stop();
    await waitFor('the other node to lead', () => other.node.isLeader() || null, 5000);
    expect(other.runtime.zones.overview().source.kind).toBe('arbiter');
    // From here both robots repeat their state twice a second, as a VDA 5050 robot does: one message sent while the
    // gateways hand the robots over (up to 3 s) may be dropped, as a real robot's would.
    a.standing = { zoneSets: enabled, zoneRequests: [access('a-2')] };
    b.standing = { zoneSets: enabled, zoneRequests: [access('b-1', 'GRANTED')] };
    const repeat = setInterval(() => void Promise.all([a.publishState(), b.publishState()]).catch(() => {}), 500);
    stopRepeating = () => clearInterval(repeat);
    await answered(a, 'a-2', 'QUEUED');
    await waitFor('the new leader to show B holding', () => holderOf(other, zone)?.robotId === idOf(other, 'ZC-B') || null, 5000);
    // A is queued behind B's adopted grant, never granted while B holds it.
    await new Promise((r) => setTimeout(r, 1000));
    expect(answers(a, 'a-2')).not.toContain('GRANTED');
    b.standing = { zoneSets: enabled, zoneRequests: [] };
    await answered(a, 'a-2', 'GRANTED');
    stopRepeating();
  }, 90_000);
});
