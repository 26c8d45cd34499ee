// What the robots' state messages became in the database: every state message carries a per-robot headerId that
// counts up by one (server/sim/robot-publisher.ts), so a missing id in robot_samples is a message lost. Each gap is
// placed in time by its neighbours and blamed on an outage window when it falls inside one (plus a margin).
import postgres from 'postgres';

export interface TelemetryCount {
  stored: number;
  /** Missing headerIds between stored ones, per robot, summed. */
  missing: number;
  /** Of those, gaps overlapping a declared outage window. */
  missingInOutages: number;
  /** Gaps outside every outage window: messages lost while the app was up. */
  missingOutside: number;
  /** Messages stored after the last outage window ended. */
  storedAfterOutages: number;
  gapsOutside: string[];
}

export async function countStateSamples(
  databaseUrl: string,
  outages: { from: number; to: number }[],
  marginMs = 2000,
): Promise<TelemetryCount> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ serial: string; header_id: number; ts: Date }[]>`
      select r.serial_number as serial, s.header_id, s.ts from robot_samples s join robots r on r.id = s.robot_id
      where s.source = 2 order by r.serial_number, s.header_id`;
    const lastOutageEnd = Math.max(0, ...outages.map((o) => o.to));
    const inOutage = (from: number, to: number) => outages.some((o) => from <= o.to + marginMs && to >= o.from - marginMs);
    const out: TelemetryCount = { stored: 0, missing: 0, missingInOutages: 0, missingOutside: 0, storedAfterOutages: 0, gapsOutside: [] };
    let prev: { serial: string; header_id: number; ts: Date } | null = null;
    for (const r of rows) {
      if (prev && prev.serial === r.serial && r.header_id === prev.header_id) continue; // a duplicate row
      out.stored++;
      if (r.ts.getTime() > lastOutageEnd) out.storedAfterOutages++;
      if (prev && prev.serial === r.serial && r.header_id > prev.header_id + 1) {
        const n = r.header_id - prev.header_id - 1;
        out.missing += n;
        if (inOutage(prev.ts.getTime(), r.ts.getTime())) out.missingInOutages += n;
        else {
          out.missingOutside += n;
          if (out.gapsOutside.length < 10)
            out.gapsOutside.push(`${r.serial}: ${n} missing between ${prev.ts.toISOString()} and ${r.ts.toISOString()}`);
        }
      }
      prev = r;
    }
    return out;
  } finally {
    await sql.end({ timeout: 2 });
  }
}
