// One budget per request: the time spent at the edge (the session check) is taken from the procedure's deadline,
// so a request that waited for its session does not get a whole new deadline (the chaos suite's Postgres outage saw
// a call answer after 10.005 s: 5 s on its session, then 5 s more in the procedure).
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { AppRuntime } from '../runtime';
import { createCallerFactory, createTRPCRouter, PROCEDURE_DEADLINE_MS, publicProcedure } from './trpc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const router = createTRPCRouter({ slow: publicProcedure.query(async () => (await sleep(200), 'done')) });
const callerAt = (deadlineAt?: number) =>
  createCallerFactory(router)({ runtime: {} as AppRuntime, principal: null, address: null, deadlineAt });

describe('request deadline', () => {
  it('a procedure gets only what is left of its request budget, answered as 503 when it runs out', async () => {
    const err = await callerAt(Date.now() + 50)
      .slow()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect((err as TRPCError).message).toMatch(/no answer within/);
  });

  it('a request whose budget is already spent is refused at once', async () => {
    const t0 = Date.now();
    await expect(callerAt(Date.now() - 1).slow()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(Date.now() - t0).toBeLessThan(150);
  });

  it('within budget, or called in-process without one, the procedure answers', async () => {
    await expect(callerAt(Date.now() + PROCEDURE_DEADLINE_MS).slow()).resolves.toBe('done');
    await expect(callerAt().slow()).resolves.toBe('done');
  });
});
