import { Writable } from 'node:stream';
import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../adapters/logging/pino-logger';
import { MAX_LOG_TEXT } from '../domain/log-bounds';
import { internalErrorLog } from './internal-error-log';

/** A real logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (b: Buffer, _e, done) => (lines.push(JSON.parse(b.toString()) as Record<string, unknown>), done()) });
  return { lines, logger: createLogger('info', sink) };
}

const t = initTRPC.create();
const router = t.router({
  broken: t.procedure.query(() => {
    throw new RangeError(`Invalid time value in select … ${'x'.repeat(50_000)}`);
  }),
  refused: t.procedure.query(() => {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'no' });
  }),
});

async function get(path: string, onError: ReturnType<typeof internalErrorLog>) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://x/api/trpc/${path}`),
    router,
    onError,
  });
  return res.status;
}

describe('internalErrorLog (the tRPC handler onError)', () => {
  it('logs a 500 once with its procedure path and cause, cut to the log bound; other codes not at all', async () => {
    const { lines, logger } = capture();
    const onError = internalErrorLog(logger);
    expect(await get('broken', onError)).toBe(500);
    expect(await get('refused', onError)).toBe(400);
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 50,
      component: 'api:trpc',
      path: 'broken',
      type: 'query',
      count: 1,
      msg: 'procedure failed (answered 500)',
    });
    expect(line.err).toMatch(/^Invalid time value/);
    expect(String(line.err).length).toBeLessThan(MAX_LOG_TEXT + 100);
    expect(line.stack).toMatch(/^RangeError: Invalid time value/);
    expect(JSON.stringify(line).length).toBeLessThan(4 * MAX_LOG_TEXT);
  });

  it('logs the same fault repeated a thousand times a few times, with its count', async () => {
    const { lines, logger } = capture();
    const onError = internalErrorLog(logger);
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('relation "x" does not exist') });
    for (let i = 0; i < 1000; i++) onError({ error, path: 'broken', type: 'query' });
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => l.count)).toEqual([1, 2, 3, 4, 5, 1000]);
  });
});
