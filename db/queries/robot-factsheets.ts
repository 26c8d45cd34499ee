import { isNotNull } from 'drizzle-orm';
import type { Db } from '../client';
import { robots } from '../schema';

export interface StoredFactsheet {
  robotId: number;
  factsheet: unknown;
}

/** Every factsheet the robots have sent so far (robots.factsheet, written by the ingest worker). */
export async function listStoredFactsheets(db: Db): Promise<StoredFactsheet[]> {
  return db.orm.select({ robotId: robots.id, factsheet: robots.factsheet }).from(robots).where(isNotNull(robots.factsheet));
}
