// The site map: from SITE_LAYOUT (a LIF file) when it is set, else seeded from db/seed/warehouse-map.json on first
// start; then read from the database (so a site loaded once stays the site after SITE_LAYOUT is unset).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client';
import { activateMap, getActiveMap, seedMap } from '../../db/queries/warehouse-maps';
import { LayoutError, lifToWarehouseMap } from '../domain/site-layout/lif-import';
import type { WarehouseMap } from '../domain/warehouse-map';
import { createLifValidator } from '../protocol/lif-validator';

export const DEFAULT_MAP_FILE = path.resolve(import.meta.dirname, '../../db/seed/warehouse-map.json');
/** The generated warehouse as LIF (kept equal to DEFAULT_MAP_FILE by a test; `npm run layout:export` writes it). */
export const DEFAULT_LIF_FILE = path.resolve(import.meta.dirname, '../../db/seed/warehouse.lif.json');
/** A layout file larger than this is refused unread. */
const MAX_LAYOUT_BYTES = 50 * 1024 * 1024;

export async function readMapFile(file = DEFAULT_MAP_FILE): Promise<WarehouseMap> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as WarehouseMap;
}

/** A site from a LIF 1.0 file (schema, then references and the rest), or LayoutError naming every problem. */
export async function readLifFile(file: string): Promise<{ map: WarehouseMap; notes: string[] }> {
  const stat = await fs.stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new LayoutError(file, [`cannot be read (${e.code ?? e.message})`]);
  });
  if (stat.size > MAX_LAYOUT_BYTES) throw new LayoutError(file, [`is ${stat.size} bytes, over the ${MAX_LAYOUT_BYTES}-byte limit`]);
  let doc: unknown;
  try {
    doc = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new LayoutError(file, [`is not JSON: ${(e as Error).message}`]);
  }
  const verdict = createLifValidator().validate(doc);
  if (!verdict.ok) throw new LayoutError(file, verdict.problems);
  return lifToWarehouseMap(verdict.doc, file);
}

/** A site file of either kind: LIF (it has `layouts`) or the app's own map JSON. */
export async function readSiteFile(file: string): Promise<WarehouseMap> {
  const head = (await fs.readFile(file, 'utf8')).slice(0, 4096);
  return /"layouts"\s*:/.test(head) || /"metaInformation"\s*:/.test(head) ? (await readLifFile(file)).map : readMapFile(file);
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
