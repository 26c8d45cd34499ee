// Inputs past what the app can hold (times outside any real date, ids past the database's integer, cursors that
// are not numbers) are a clear 400 naming the field, never a 500 from deep inside a query (issue 12, chaos
// trpc-fuzz: audit.list with from -9007199254740991 and commands.list with a robotId past int4 answered 500).
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app';
import { contextAs } from '../testing/sign-in';
import { testConfig, testLogger } from '../testing/test-env';
import { createCaller } from './root';

let app: App;
let cleanup: () => Promise<void>;
let admin: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  admin = createCaller(await contextAs(app, 'admin'));
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await cleanup?.();
});

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof TRPCError ? e.code : `not a TRPCError: ${String(e)}`),
  );

describe('procedure inputs out of range', () => {
  const cases: [string, () => Promise<unknown>][] = [
    ['audit.list from -MAX_SAFE', () => admin.audit.list({ from: -MAX_SAFE })],
    ['audit.list to MAX_SAFE', () => admin.audit.list({ to: MAX_SAFE })],
    ['audit.list from 1e15 (past year 9999)', () => admin.audit.list({ from: 1e15 })],
    ['commands.list robotId MAX_SAFE', () => admin.commands.list({ robotId: MAX_SAFE })],
    ['commands.list robotId 2^31', () => admin.commands.list({ robotId: 2 ** 31 })],
    ['commands.list from -MAX_SAFE', () => admin.commands.list({ from: -MAX_SAFE })],
    ['commands.list to MAX_SAFE', () => admin.commands.list({ to: MAX_SAFE })],
    ['commands.list cursor " 1"', () => admin.commands.list({ cursor: ' 1' })],
    ['commands.list cursor "-5"', () => admin.commands.list({ cursor: '-5' })],
    ['commands.list cursor "0x1f"', () => admin.commands.list({ cursor: '0x1f' })],
    ['commands.issue robotId MAX_SAFE', () => admin.commands.issue({ robotId: MAX_SAFE, type: 'pause' })],
    ['commands.stopAll robotIds [MAX_SAFE]', () => admin.commands.stopAll({ robotIds: [MAX_SAFE] })],
    ['traces.search robotId MAX_SAFE', () => admin.traces.search({ robotId: MAX_SAFE })],
    ['traces.search fromMs 1e300', () => admin.traces.search({ fromMs: 1e300 })],
    ['traces.search toMs 1e300', () => admin.traces.search({ toMs: 1e300 })],
    ['traces.search fromMs 0.5', () => admin.traces.search({ fromMs: 0.5 })],
    ['fleet.byId id MAX_SAFE', () => admin.fleet.byId({ id: MAX_SAFE })],
    ['fleet.messages id MAX_SAFE', () => admin.fleet.messages({ id: MAX_SAFE })],
    ['sim.faults robotId MAX_SAFE', () => admin.sim.faults({ robotId: MAX_SAFE })],
  ];
  it.each(cases)('%s is a 400 (BAD_REQUEST)', async (_label, call) => {
    expect(await codeOf(call())).toBe('BAD_REQUEST');
  });

  it('still answers the widest inputs that are real: year 1970 to 9999, the largest robot id', async () => {
    expect(await codeOf(admin.audit.list({ from: 0, to: Date.UTC(9999, 11, 31) }))).toBe('ok');
    expect(
      await codeOf(admin.commands.list({ robotId: 2 ** 31 - 1, from: 0, to: Date.UTC(9999, 11, 31), cursor: '999999999999999' })),
    ).toBe('ok');
    expect(await codeOf(admin.traces.search({ robotId: 2 ** 31 - 1, fromMs: 0, toMs: Date.UTC(9999, 11, 31) }))).toBe('ok');
  });
});
