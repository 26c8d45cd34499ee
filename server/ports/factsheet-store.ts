// Where robots' latest factsheets are kept (robots.factsheet; implemented by server/adapters/storage/factsheet-store.ts).

export interface StoredFactsheet {
  robotId: number;
  factsheet: unknown;
}

export interface FactsheetStore {
  /** Every factsheet stored so far (loaded once at start). */
  list(): Promise<StoredFactsheet[]>;
  /** Stores the latest factsheet of many robots in one statement. */
  save(rows: readonly StoredFactsheet[]): Promise<void>;
}
