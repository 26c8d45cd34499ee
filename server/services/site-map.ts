// The site map: seeded from db/seed/warehouse-map.json on first start, then read from the database.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client';
import { getActiveMap, seedMap } from '../../db/queries/warehouse-maps';
import type { WarehouseMap } from '../domain/warehouse-map';

export const DEFAULT_MAP_FILE = path.resolve(import.meta.dirname, '../../db/seed/warehouse-map.json');

export async function readMapFile(file = DEFAULT_MAP_FILE): Promise<WarehouseMap> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as WarehouseMap;
}

export async function loadSiteMap(deps: { db: Db }): Promise<WarehouseMap> {
  const existing = await getActiveMap(deps.db);
  if (existing) return existing;
  await seedMap(deps.db, await readMapFile());
  const seeded = await getActiveMap(deps.db);
  if (!seeded) throw new Error('the default warehouse map could not be stored');
  return seeded;
}
