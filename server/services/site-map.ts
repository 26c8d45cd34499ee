// The site map: from SITE_LAYOUT (a LIF file) when it is set, else seeded from db/seed/warehouse-map.json on first
// start; then read from the database (so a site loaded once stays the site after SITE_LAYOUT is unset).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client';
import { activateMap, getActiveMap, seedMap } from '../../db/queries/warehouse-maps';
import type { WarehouseMap } from '../domain/warehouse-map';
import { readLifFile } from '../protocol/lif-file';

export { readLifFile, readSiteFile } from '../protocol/lif-file';

export const DEFAULT_MAP_FILE = path.resolve(import.meta.dirname, '../../db/seed/warehouse-map.json');
/** The generated warehouse as LIF (kept equal to DEFAULT_MAP_FILE by a test; `npm run layout:export` writes it). */
export const DEFAULT_LIF_FILE = path.resolve(import.meta.dirname, '../../db/seed/warehouse.lif.json');
export async function readMapFile(file = DEFAULT_MAP_FILE): Promise<WarehouseMap> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as WarehouseMap;
}

export async function loadSiteMap(deps: { db: Db; layoutFile?: string; onNote?: (note: string) => void }): Promise<WarehouseMap> {
  if (deps.layoutFile) {
    const { map, notes } = await readLifFile(deps.layoutFile);
    for (const n of notes) deps.onNote?.(n);
    await activateMap(deps.db, map);
    return map;
  }
  const existing = await getActiveMap(deps.db);
  if (existing) return existing;
  await seedMap(deps.db, await readMapFile());
  const seeded = await getActiveMap(deps.db);
  if (!seeded) throw new Error('the default warehouse map could not be stored');
  return seeded;
}
