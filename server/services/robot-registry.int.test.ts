// Registration on first contact against a real database: a fleet connecting at once gets one id per robot,
// repeated first messages of one robot share its registration, and ids survive a restart of the registry.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client';
import { createTestDatabase, tempDir } from '../testing/test-env';
import { createRobotRegistry } from './robot-registry';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('registry'), migrate: true });
});

afterAll(async () => {
  await db?.close();
  await drop?.();
});

it('registers 1,200 robots heard at once, each once, with stable ids', async () => {
  const registry = await createRobotRegistry({ db });
  const seen: number[] = [];
  registry.onRegistered((r) => void seen.push(r.id));
  const serials = Array.from({ length: 1200 }, (_, i) => `R-${i}`);
  const first = (await Promise.all(serials.map((s) => registry.resolve('Acme', s, '2.0.0')))) as number[];
  const again = await Promise.all(serials.map((s) => registry.resolve('Acme', s, '2.0.0')));
  expect(new Set(first).size).toBe(1200);
  expect(again).toEqual(first);
  expect(seen.sort((a, b) => a - b)).toEqual([...first].sort((a, b) => a - b));
  expect(typeof registry.resolve('Acme', 'R-7', null)).toBe('number'); // known now: answered synchronously

  const reopened = await createRobotRegistry({ db });
  expect(reopened.resolve('Acme', 'R-1199', null)).toBe(first[1199]);
});
