// The factsheet store port on Postgres/PGlite: robots.factsheet (db/queries).
import type { Db } from '../../../db/client';
import { listStoredFactsheets } from '../../../db/queries/robot-factsheets';
import { saveFactsheets } from '../../../db/queries/robots';
import type { FactsheetStore } from '../../ports/factsheet-store';

export function createFactsheetStore(db: Db): FactsheetStore {
  return {
    list: () => listStoredFactsheets(db),
    save: (rows) => saveFactsheets(db, rows),
  };
}
