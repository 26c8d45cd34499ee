import { desc, eq, ne, sql } from 'drizzle-orm';
import type { WarehouseMap } from '../../server/domain/warehouse-map';
import type { Db } from '../client';
import { warehouseMaps } from '../schema';

export async function getActiveMap(db: Db): Promise<WarehouseMap | null> {
  const [row] = await db.orm
    .select({ document: warehouseMaps.document })
    .from(warehouseMaps)
    .where(eq(warehouseMaps.active, true))
    // Newest first: activateMap stores the new map before it retires the old one.
    .orderBy(desc(warehouseMaps.updatedAt))
    .limit(1);
  return row?.document ?? null;
}

/** Stores the map unless one with the same id exists (an edited site is never overwritten by the seed). */
export async function seedMap(db: Db, map: WarehouseMap): Promise<void> {
  await db.orm
    .insert(warehouseMaps)
    .values({ id: map.id, mapId: map.mapId, name: map.name, active: true, document: map })
    .onConflictDoNothing({ target: warehouseMaps.id });
}

/** Makes `map` the site (stored, or replaced when its id exists), then retires every other map. */
export async function activateMap(db: Db, map: WarehouseMap): Promise<void> {
  await db.orm
    .insert(warehouseMaps)
    .values({ id: map.id, mapId: map.mapId, name: map.name, active: true, document: map })
    .onConflictDoUpdate({
      target: warehouseMaps.id,
      set: { mapId: map.mapId, name: map.name, active: true, document: map, updatedAt: sql`now()` },
    });
  await db.orm.update(warehouseMaps).set({ active: false }).where(ne(warehouseMaps.id, map.id));
}
