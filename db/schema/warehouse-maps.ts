import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { WarehouseMap } from '../../server/domain/warehouse-map';

/** Site maps. The active one is served by `map.get`; the default is seeded from db/seed/warehouse-map.json. */
export const warehouseMaps = pgTable('warehouse_maps', {
  id: text('id').primaryKey(),
  mapId: text('map_id').notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  document: jsonb('document').$type<WarehouseMap>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});
