// Starts the real app for Playwright. Against a shared Postgres (DATABASE_URL set) it first creates a database
// of its own, and against a shared broker (MQTT_URL set) it uses a topic prefix of its own, so an e2e run sees
// exactly its own simulated fleet and never collides with other runs.
import postgres from 'postgres';

const stamp = `${Date.now().toString(36)}${process.pid}`;

async function freshDatabase(base: string): Promise<string> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    // Leftovers of earlier runs that were killed before they could clean up.
    const old = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'fleetscope_e2e_%'`;
    for (const { datname } of old) await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
    await admin.unsafe(`create database fleetscope_e2e_${stamp}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/fleetscope_e2e_${stamp}`;
  return u.toString();
}

if (process.env.DATABASE_URL) process.env.DATABASE_URL = await freshDatabase(process.env.DATABASE_URL);
if (process.env.MQTT_URL && !process.env.VDA_INTERFACE) process.env.VDA_INTERFACE = `e2e${stamp}`;
await import('../server/index');
