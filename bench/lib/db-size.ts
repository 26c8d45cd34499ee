// On-disk sizes of one database, by table (partitions counted under their parent), read with the database's own
// functions: pg_database_size for the whole database and pg_total_relation_size (heap + indexes + TOAST + free
// space and visibility maps) per table. The same SQL answers on Postgres and PGlite.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export interface DbSizes {
  /** pg_database_size(current_database()): every relation file of the database, catalogs included. */
  databaseBytes: number;
  /** Per user table (public schema), partitions summed into their parent. */
  tables: Record<string, number>;
  /** Dead row versions per table (pg_stat_user_tables; what updates leave until vacuum or pruning reclaims them). */
  deadTuples: Record<string, number>;
}

export async function dbSizes(db: Db): Promise<DbSizes> {
  const [total] = await db.rows<{ size: string | number }>(sql`select pg_database_size(current_database())::int8 as size`);
  const rows = await db.rows<{ name: string; size: string | number }>(sql`
    select coalesce(parent.relname, c.relname) as name, sum(pg_total_relation_size(c.oid))::int8 as size
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_inherits i on i.inhrelid = c.oid
    left join pg_class parent on parent.oid = i.inhparent
    where n.nspname = 'public' and c.relkind = 'r'
    group by 1`);
  const dead = await db.rows<{ name: string; dead: string | number }>(sql`
    select relname as name, n_dead_tup::int8 as dead from pg_stat_user_tables where schemaname = 'public'`);
  return {
    databaseBytes: Number(total?.size ?? 0),
    tables: Object.fromEntries(rows.map((r) => [r.name, Number(r.size)])),
    deadTuples: Object.fromEntries(dead.map((r) => [r.name, Number(r.dead)])),
  };
}

/** Growth from `a` to `b`, per table and in total; tables new in `b` count from zero. */
export function sizeGrowth(a: DbSizes, b: DbSizes): { databaseBytes: number; tables: Record<string, number> } {
  const tables: Record<string, number> = {};
  for (const [name, size] of Object.entries(b.tables)) tables[name] = size - (a.tables[name] ?? 0);
  return { databaseBytes: b.databaseBytes - a.databaseBytes, tables };
}
