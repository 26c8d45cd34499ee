import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface TableStats {
  table: string;
  rows: number;
  sizeBytes: number;
}

/** Exact row counts and on-disk size (with indexes) of the given tables, in one statement. */
export async function tableStats(db: Db, tables: readonly string[]): Promise<TableStats[]> {
  if (tables.length === 0) return [];
  // Table names come from code, never from input, but are still checked before they reach SQL text.
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
  const parts = tables.map(
    (t) => `select '${t}' as t, (select count(*) from ${t})::int8 as n, pg_total_relation_size('${t}')::int8 as size`,
  );
  const rows = await db.rows<{ t: string; n: string | number; size: string | number }>(sql.raw(parts.join(' union all ')));
  return rows.map((r) => ({ table: r.t, rows: Number(r.n), sizeBytes: Number(r.size) }));
}
