// Writes the generated warehouse (db/seed/warehouse-map.json) as a LIF 1.0.0 file (db/seed/warehouse.lif.json),
// the example to start a site layout from and the file the e2e suite loads with SITE_LAYOUT. The export time is
// fixed so that the file changes only when the map does (server/domain/site-layout/lif.unit.test.ts checks it).
// Usage: npm run layout:export [-- <map.json> <out.lif.json>]
import fs from 'node:fs/promises';
import { warehouseMapToLif } from '../server/domain/site-layout/lif-export';
import { DEFAULT_LIF_FILE, DEFAULT_MAP_FILE, readMapFile } from '../server/services/site-map';

export const SEED_EXPORTED_AT = new Date('2026-12-03T00:00:00.000Z');

const [from = DEFAULT_MAP_FILE, to = DEFAULT_LIF_FILE] = process.argv.slice(2);
const doc = warehouseMapToLif(await readMapFile(from), SEED_EXPORTED_AT);
await fs.writeFile(to, `${JSON.stringify(doc, null, 2)}\n`);
console.log(
  `wrote ${to}: ${doc.layouts[0]!.nodes.length} nodes, ${doc.layouts[0]!.edges.length} LIF edges, ${doc.layouts[0]!.stations.length} stations`,
);
