// Starts the real app for Playwright. Against a shared Postgres (DATABASE_URL set) it first creates a database
// of its own, and against a shared broker (MQTT_URL set) it uses a topic prefix of its own, so an e2e run sees
// exactly its own simulated fleet and never collides with other runs; on a shared NATS (BUS_URL) likewise a stream.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import postgres from 'postgres';

const stamp = `${Date.now().toString(36)}${process.pid}`;

async function freshDatabase(base: string): Promise<string> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    // Leftovers of earlier runs that were killed before they could clean up. Not by a second app started during a
    // run (e2e/fresh-app.ts): the main app's database is one of them and is in use.
    if (!process.env.E2E_SECOND_APP) {
      const old = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'fleetscope_e2e_%'`;
      for (const { datname } of old) await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
    await admin.unsafe(`create database fleetscope_e2e_${stamp}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/fleetscope_e2e_${stamp}`;
  return u.toString();
}

/** A NATS stream of its own, after deleting those that killed runs left (never while a second app shares the first's). */
async function freshBusPrefix(url: string): Promise<string> {
  if (!process.env.E2E_SECOND_APP) {
    const nc = await connect({ servers: url, timeout: 3000 });
    try {
      const jsm = await jetstreamManager(nc);
      for await (const name of jsm.streams.names()) if (name.startsWith('E2E')) await jsm.streams.delete(name).catch(() => false);
    } finally {
      await nc.close();
    }
  }
  return `e2e${stamp}`;
}

if (process.env.DATABASE_URL) process.env.DATABASE_URL = await freshDatabase(process.env.DATABASE_URL);
if (process.env.MQTT_URL && !process.env.VDA_INTERFACE) process.env.VDA_INTERFACE = `e2e${stamp}`;
if (process.env.BUS_URL && !process.env.BUS_PREFIX) process.env.BUS_PREFIX = await freshBusPrefix(process.env.BUS_URL);
await import('../server/index');
