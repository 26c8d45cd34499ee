// GET /api/history/export (viewers and up): a window of the fleet's history as JSON Lines, streamed with
// backpressure. The lines are VDA 5050 messages REBUILT FROM HISTORY (services/history/export-lines.ts), not the
// bytes the robots sent. POST /api/history/import?speed=1|4|16|64|max (roles that may inject faults: QA): replays
// such a file into this app through its MQTT broker; the body is the file (size-capped), the answer the
// ImportReport once the replay is done (at speed 1 a 10-minute recording answers after 10 minutes).
// Sessions by cookie as GET /api/audit.csv; errors are JSON { error }.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Capability, Principal } from '../../domain/identity/roles';
import { can } from '../../domain/identity/roles';
import { robotIdSchema, timeInputSchema } from '../../domain/input-bounds';
import { isConnectionFailure, isUnavailable, RETRY_AFTER_S, unavailableMessage } from '../../domain/unavailable';
import type { HistoryImporter, HistoryReader } from '../../ports/history-reader';
import type { Logger } from '../../ports/logger';
import { bodyLines } from './body-lines';
import { discardRestOfBody } from './linger';
import type { OriginCheck } from './origin-check';
import { addressOf } from './session-cookie';

export const MAX_EXPORT_WINDOW_MS = 24 * 3600_000;
/** An import body: a 10-minute recording of 500 robots at 10 Hz is ~600 MB; larger ones go through the CLI. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
const MAX_IMPORT_LINE_CHARS = 64 * 1024;
/** Imports running at once (each holds an MQTT connection and a request open for the recording's duration). */
const MAX_CONCURRENT_IMPORTS = 2;
const WRITE_CHUNK_CHARS = 64 * 1024;

const numericTime = z.preprocess((v) => (typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v), timeInputSchema);
const exportParams = z
  .object({
    from: numericTime,
    to: numericTime,
    robots: z
      .string()
      .max(20_000)
      .regex(/^[\d,]*$/, 'robots is a comma-separated list of robot ids')
      .transform((s) =>
        s
          .split(',')
          .filter((x) => x !== '')
          .map(Number),
      )
      .pipe(z.array(robotIdSchema).max(2000))
      .optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] })
  .refine((p) => p.to - p.from <= MAX_EXPORT_WINDOW_MS, { message: 'an export spans at most 24 h', path: ['to'] });
const SPEEDS: Record<string, number> = { '1': 1, '4': 4, '16': 16, '64': 64, max: 0 };

interface DenyEntry {
  actorId: string | null;
  actor: string;
  action: 'access';
  target: string;
  address: string | null;
  detail: Record<string, unknown>;
}

export interface HistoryEndpointsDeps {
  reader: HistoryReader;
  importer: HistoryImporter;
  principalOf(req: IncomingMessage): Promise<Principal | null>;
  deny(entry: DenyEntry): void;
  origins: OriginCheck;
  logger: Logger;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Resolves when the response can take more, or is gone (listeners removed either way: a long export waits often). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

const firstIssue = (e: z.ZodError) => {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || 'query'}: ${i.message}` : 'bad query';
};

export function createHistoryEndpoints(deps: HistoryEndpointsDeps) {
  const log = deps.logger.child({ component: 'history-http' });
  let importing = 0;

  /** The principal when it may `capability`; otherwise answers 401/403 (audited) and returns null. */
  async function allowed(req: IncomingMessage, res: ServerResponse, capability: Capability, target: string): Promise<Principal | null> {
    const p = await deps.principalOf(req);
    if (p && can(p.role, capability)) return p;
    deps.deny({
      actorId: p?.userId ?? null,
      actor: p?.email ?? 'anonymous',
      action: 'access',
      target,
      address: addressOf(req),
      detail: { reason: p ? `the ${p.role} role may not ${capability}` : 'no session' },
    });
    send(res, p ? 403 : 401, { error: p ? `the ${p.role} role may not use ${target}` : 'sign in first' });
    return null;
  }

  async function exportWindow(req: IncomingMessage, res: ServerResponse) {
    if (!(await allowed(req, res, 'view', 'GET /api/history/export'))) return;
    const q = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    const parsed = exportParams.safeParse(q);
    if (!parsed.success) return send(res, 400, { error: firstIssue(parsed.error) });
    const { from, to, robots } = parsed.data;
    const lines = deps.reader.exportLines({ from, to, ...(robots && robots.length > 0 && { robotIds: robots }) });
    const iterator = lines[Symbol.asyncIterator]();
    // The first line is read before the headers: a failure there is still an error status, not a cut stream.
    let next = await iterator.next();
    const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/:/g, '');
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="history-${stamp(from)}-${stamp(to)}.jsonl"`,
      'Cache-Control': 'no-store',
    });
    let buf = '';
    let closed = false;
    res.once('close', () => (closed = true));
    while (!next.done && !closed) {
      buf += `${JSON.stringify(next.value)}\n`;
      if (buf.length >= WRITE_CHUNK_CHARS) {
        const ok = res.write(buf);
        buf = '';
        if (!ok) await drained(res);
      }
      next = await iterator.next();
    }
    if (closed) return void (await iterator.return?.());
    res.end(buf);
  }

  async function importFile(req: IncomingMessage, res: ServerResponse) {
    if (!(await allowed(req, res, 'injectFaults', 'POST /api/history/import'))) return discardRestOfBody(req);
    const speedParam = new URL(req.url ?? '/', 'http://x').searchParams.get('speed') ?? '1';
    const speed = SPEEDS[speedParam];
    if (speed === undefined) {
      discardRestOfBody(req);
      return send(res, 400, { error: 'speed is one of 1, 4, 16, 64 or max' });
    }
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > MAX_IMPORT_BYTES) {
      discardRestOfBody(req);
      return send(res, 413, { error: `an import is at most ${MAX_IMPORT_BYTES} bytes; use npm run history:import for larger files` });
    }
    if (importing >= MAX_CONCURRENT_IMPORTS) {
      discardRestOfBody(req);
      return send(res, 429, { error: 'imports are running; try again when one is done' }, { 'Retry-After': '30' });
    }
    importing++;
    const abort = new AbortController();
    // The client going away stops the replay.
    res.once('close', () => abort.abort());
    try {
      const body = bodyLines(req, { maxBytes: MAX_IMPORT_BYTES, maxLineChars: MAX_IMPORT_LINE_CHARS });
      const report = await deps.importer.importLines(body.lines, { speed, signal: abort.signal });
      log.info({ ...report, reasons: undefined, speed: speedParam }, 'history import done');
      if (body.overflow) {
        discardRestOfBody(req);
        return send(res, 413, { error: `the body went past ${MAX_IMPORT_BYTES} bytes; the import stopped there`, report });
      }
      send(res, 200, report);
    } finally {
      importing--;
    }
  }

  const ROUTES: Record<string, { method: string; mutation: boolean; run: (req: IncomingMessage, res: ServerResponse) => Promise<void> }> = {
    '/api/history/export': { method: 'GET', mutation: false, run: exportWindow },
    '/api/history/import': { method: 'POST', mutation: true, run: importFile },
  };

  return {
    handles: (req: IncomingMessage) => (req.url ?? '').split('?')[0]! in ROUTES,
    async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const route = ROUTES[(req.url ?? '').split('?')[0]!]!;
      try {
        if (req.method !== route.method) return send(res, 405, { error: `use ${route.method}` }, { Allow: route.method });
        if (route.mutation && !deps.origins.matches(req)) return send(res, 403, { error: 'the Origin header must name this app' });
        await route.run(req, res);
      } catch (e) {
        if (!res.headersSent && (isUnavailable(e) || isConnectionFailure(e))) {
          log.warn({ err: (e as Error).message, url: req.url }, 'history endpoint: database unavailable');
          const message = isUnavailable(e) ? e.message : unavailableMessage('the database');
          return send(res, 503, { error: message }, { 'Retry-After': String(RETRY_AFTER_S) });
        }
        const status = (e as { code?: string }).code === 'BAD_REQUEST' ? 400 : 500;
        log.error({ err: (e as Error).message, url: req.url }, 'history endpoint failed');
        if (!res.headersSent)
          send(res, status, { error: status === 400 ? (e as Error).message : 'internal error; the server log has the detail' });
        else res.destroy();
      }
    },
  };
}
export type HistoryEndpoints = ReturnType<typeof createHistoryEndpoints>;
