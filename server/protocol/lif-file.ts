// Site layout files (pure file I/O and checks, shared by the app and the standalone simulator): a LIF 1.0 file read,
// checked against the official schema and then for what the schema cannot say (lif-import.ts), or the app's own map
// JSON. Every problem is named by its element in a LayoutError.
import fs from 'node:fs/promises';
import { LayoutError, lifToWarehouseMap } from '../domain/site-layout/lif-import';
import type { WarehouseMap } from '../domain/warehouse-map';
import { createLifValidator } from './lif-validator';

/** A layout file larger than this is refused unread. */
const MAX_LAYOUT_BYTES = 50 * 1024 * 1024;

/** A site from a LIF 1.0 file (schema, then references and the rest), or LayoutError naming every problem. */
export async function readLifFile(file: string): Promise<{ map: WarehouseMap; notes: string[] }> {
  return lifFromText(await readBounded(file), file);
}

/** A site file of either kind: LIF (it has `layouts` and `metaInformation`) or the app's own map JSON. */
export async function readSiteFile(file: string): Promise<WarehouseMap> {
  const text = await readBounded(file);
  const head = text.slice(0, 4096);
  return /"(layouts|metaInformation)"\s*:/.test(head) ? lifFromText(text, file).map : (JSON.parse(text) as WarehouseMap);
}

async function readBounded(file: string): Promise<string> {
  const stat = await fs.stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new LayoutError(file, [`cannot be read (${e.code ?? e.message})`]);
  });
  if (stat.size > MAX_LAYOUT_BYTES) throw new LayoutError(file, [`is ${stat.size} bytes, over the ${MAX_LAYOUT_BYTES}-byte limit`]);
  return fs.readFile(file, 'utf8');
}

function lifFromText(text: string, file: string): { map: WarehouseMap; notes: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LayoutError(file, [`is not JSON: ${(e as Error).message}`]);
  }
  const verdict = createLifValidator().validate(doc);
  if (!verdict.ok) throw new LayoutError(file, verdict.problems);
  return lifToWarehouseMap(verdict.doc, file);
}
