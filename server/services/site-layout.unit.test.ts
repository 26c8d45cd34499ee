// Site layouts from LIF 1.0 files: the shipped file is the generated warehouse, a round trip keeps the site, a
// third-party file without the app's extension still gives places and chargers, and every mistake in a file is
// named by its element.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRoutePlanner } from '../domain/route-planner';
import { warehouseMapToLif } from '../domain/site-layout/lif-export';
import type { LifDocument } from '../domain/site-layout/lif-types';
import { thirdPartyLif as thirdParty } from '../testing/lif-fixtures';
import type { WarehouseMap } from '../domain/warehouse-map';
import { siteZoneSet } from '../domain/zones/site-zones';
import type { Zone } from '../domain/zones/zone-types';
import { createLifValidator } from '../protocol/lif-validator';
import { DEFAULT_LIF_FILE, readLifFile, readMapFile, readSiteFile } from './site-map';

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lif-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));
const write = async (name: string, doc: unknown) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
};
const problemsOf = async (file: string) =>
  (
    await readLifFile(file).then(
      () => 'no error',
      (e: Error) => e.message,
    )
  ).split('\n');

describe('LIF site layouts', () => {
  it('the shipped LIF file is the generated warehouse, valid against the LIF 1.0.0 schema (npm run layout:export)', async () => {
    const shipped = JSON.parse(await fs.readFile(DEFAULT_LIF_FILE, 'utf8')) as LifDocument;
    expect(createLifValidator().validate(shipped)).toMatchObject({ ok: true });
    expect(shipped).toEqual(warehouseMapToLif(await readMapFile(), new Date(shipped.metaInformation.exportTimestamp)));
  });

  it('a round trip through LIF keeps the site: nodes, two-way and one-way edges, places, scenery', async () => {
    const map = await readMapFile();
    // One one-way edge, one with a speed limit (LIF's per-vehicle-type maxSpeed).
    const withOneWay: WarehouseMap = {
      ...map,
      edges: map.edges.map((e, i) => (i === 0 ? { ...e, oneWay: true } : i === 1 ? { ...e, maxSpeed: 0.8 } : e)),
    };
    const back = (await readLifFile(await write('round.lif.json', warehouseMapToLif(withOneWay, new Date())))).map;
    expect(back).toEqual(withOneWay);
    expect(await readSiteFile(DEFAULT_LIF_FILE)).toEqual(map);
  });

  it("another tool's file: stations name the places, startCharging makes a charger, LIF's directed edges pair up", async () => {
    const { map, notes } = await readLifFile(await write('hall7.lif.json', thirdParty()));
    expect(notes).toEqual([]);
    expect(map).toMatchObject({ id: 'hall-7', name: 'Hall 7', mapId: 'hall-7', width: 15, depth: 11, racks: [], walls: [] });
    const place = (id: string) => map.nodes.find((n) => n.id === id)?.place;
    expect(place('a1')).toEqual({ kind: 'dock', name: 'Loading dock A' });
    expect(place('b3')).toEqual({ kind: 'charger', name: 'Charging spot' });
    expect(place('a3')).toEqual({ kind: 'parking', name: 'S-3' });
    expect(map.chargers).toEqual([{ id: 'charger-b3', name: 'Charging spot', x: 10, y: 6, nodeId: 'b3' }]);
    expect(map.docks).toEqual([{ id: 'door-a1', name: 'Loading dock A', x: 2, y: 2, trailer: false }]);
    expect(map.edges).toHaveLength(7);
    expect(map.edges.find((e) => e.id === 'b2-a2')).toEqual({ id: 'b2-a2', from: 'b2', to: 'a2', oneWay: true });
    expect(map.edges.find((e) => e.id === 'a1-a2')).toEqual({ id: 'a1-a2', from: 'a1', to: 'a2' });
    // Two vehicle types on one edge: the lower maxSpeed holds for the one graph the app plans.
    expect(map.edges.find((e) => e.id === 'a2-a3')).toMatchObject({ maxSpeed: 0.6 });
    // The planner drives the imported graph, the one-way lane only its way.
    const planner = createRoutePlanner(map);
    expect(planner.shortestPath('b2', 'a2')).toEqual(['b2', 'a2']);
    expect(planner.shortestPath('a2', 'b2')).not.toEqual(['a2', 'b2']);
  });

  it('schema problems are named by their element, all at once', async () => {
    const doc = thirdParty() as unknown as { layouts: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }[] };
    delete doc.layouts[0]!.nodes[1]!.nodePosition;
    delete doc.layouts[0]!.edges[2]!.endNodeId;
    doc.layouts[0]!.edges[3]!.vehicleTypeEdgeProperties = [{ vehicleTypeId: 'AMR-X', rotationAllowed: 'yes' }];
    const problems = await problemsOf(await write('schema.lif.json', doc));
    expect(problems[0]).toMatch(/schema\.lif\.json: 3 problems in the site layout$/);
    expect(problems).toContain(`  layout "hall-7" node "a2": must have required property 'nodePosition'`);
    expect(problems).toContain(`  layout "hall-7" edge "a2-a3": must have required property 'endNodeId'`);
    expect(problems).toContain('  layout "hall-7" edge "a3-a2" vehicleTypeEdgeProperties[0] rotationAllowed: must be boolean');
  });

  it('references and the rules the schema cannot state are checked too', async () => {
    const doc = thirdParty();
    const l = doc.layouts[0]!;
    l.edges[0]!.endNodeId = 'z9';
    l.nodes.push({ ...l.nodes[0]! });
    l.nodes[2]!.vehicleTypeNodeProperties = [];
    l.stations[0]!.interactionNodeIds = ['a1', 'q7'];
    l.nodes[3]!.mapId = 'other-hall';
    const problems = await problemsOf(await write('refs.lif.json', doc));
    expect(problems.slice(1).sort()).toEqual(
      [
        '  layout "hall-7" node "a1" appears more than once',
        '  layout "hall-7" node "a3": vehicleTypeNodeProperties is empty (LIF: a node lists every vehicle type that may use it)',
        '  layout "hall-7" nodes are on 2 maps (hall-7, other-hall); a site is one map',
        '  layout "hall-7" edge "a1-a2": endNodeId "z9" is not a node of this layout',
        '  layout "hall-7" station "S-1": interaction node "q7" is not a node of this layout',
      ].sort(),
    );
  });

  it('zones: kept through LIF in the extension, each mistake named by its zone; without them a RELEASE zone per dock', async () => {
    const map = await readMapFile();
    expect(siteZoneSet(map).zones.map((z) => z.zoneId)).toEqual(
      map.nodes.filter((n) => n.place?.kind === 'dock').map((n) => `release-${n.id}`),
    );
    const zones: Zone[] = [
      {
        zoneId: 'aisle-3',
        zoneType: 'SPEED_LIMIT',
        maximumSpeed: 0.5,
        vertices: [
          { x: 0, y: 0 },
          { x: 4, y: 0 },
          { x: 4, y: 4 },
        ],
      },
      {
        zoneId: 'gate',
        zoneType: 'RELEASE',
        releaseLossBehavior: 'STOP',
        vertices: [
          { x: 5, y: 5 },
          { x: 6, y: 5 },
          { x: 6, y: 6 },
        ],
      },
    ];
    const back = (await readLifFile(await write('zones.lif.json', warehouseMapToLif({ ...map, zones }, new Date())))).map;
    expect(back.zones).toEqual(zones);
    expect(siteZoneSet(back).zones).toEqual(zones);
    const bad = warehouseMapToLif({ ...map, zones }, new Date());
    const geometry = bad.layouts[0]!.fleetscopeGeometry!;
    geometry.zones = [
      { ...zones[0]!, maximumSpeed: undefined },
      { ...zones[1]!, zoneId: 'aisle-3', vertices: zones[1]!.vertices.slice(0, 2) },
    ];
    const problems = await problemsOf(await write('bad-zones.lif.json', bad));
    expect(problems.slice(1).sort()).toEqual(
      [
        '  layout "default" fleetscopeGeometry/zones/0: zone "aisle-3": a SPEED_LIMIT zone needs maximumSpeed',
        '  layout "default" fleetscopeGeometry/zones/1: zone "aisle-3": the id is used twice',
        '  layout "default" fleetscopeGeometry/zones/1: zone "aisle-3": 2 vertices; a zone needs at least 3',
      ].sort(),
    );
  });

  it('a file that is missing, not JSON or not LIF says so', async () => {
    expect((await problemsOf(path.join(dir, 'nope.lif.json')))[1]).toMatch(/cannot be read \(ENOENT\)/);
    expect((await problemsOf(await write('broken.lif.json', '{"layouts": [')))[1]).toMatch(/is not JSON/);
    expect(await problemsOf(await write('other.json', { hello: 1 }))).toContain(
      "  the document: must have required property 'metaInformation'",
    );
  });
});
