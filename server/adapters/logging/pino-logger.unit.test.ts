import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_LOG_TEXT, createThrottle, truncateText } from '../../domain/log-bounds';
import { createLogger } from './pino-logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  it('never writes a whole query or payload: every text is cut to about 1 KB', async () => {
    const { lines, logger } = capture();
    const query = `Failed query: insert into trace_hops ${'x'.repeat(940_000)}`;
    logger.error({ err: query, attempt: 3, nested: { payload: 'y'.repeat(100_000) } }, 'trace_hops batch failed; will retry');
    logger.error({ err: new Error(query) }, 'z'.repeat(50_000));
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.length).toBeLessThan(6 * MAX_LOG_TEXT);
    const first = JSON.parse(lines[0]!) as { err: string; attempt: number; msg: string };
    expect(first.err.startsWith('Failed query: insert into trace_hops')).toBe(true);
    expect(first.err).toContain('more chars]');
    expect(first).toMatchObject({ attempt: 3, msg: 'trace_hops batch failed; will retry' });
  });

  it('truncateText keeps short text as it is', () => {
    expect(truncateText('short')).toBe('short');
    expect(truncateText('abcdef', 3)).toBe('abc… [3 more chars]');
  });

  it('the log throttle is bounded in keys', () => {
    const should = createThrottle(1, 1000, 100);
    for (let i = 0; i < 1_000; i++) expect(should(`k${i}`)).toBe(true);
  });
});
