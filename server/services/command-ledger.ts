// The command ledger's use cases (commands.*): record a command once, queue it for the dispatcher, answer queries.
// Malformed input is a BAD_REQUEST; a well-formed command the robot or the map cannot take, or that does not apply
// to the robot's state (stop charging a robot that is not charging), is recorded as `rejected` with the reason, so
// every refusal is in the ledger too.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import {
  commandEvents,
  getCommand,
  getCommandByKey,
  insertCommand,
  listCommands,
  type CommandRecord,
  type NewCommand,
} from '../../db/queries/commands';
import {
  COMMAND_PARAMS,
  DEFAULT_TTL_MS,
  isFinal,
  listCommandsInput,
  type CommandType,
  type IssueCommandInput,
} from '../domain/commands/command';
import {
  CommandNotFoundError,
  IdempotencyConflictError,
  InvalidCommandError,
  NotCancellableError,
} from '../domain/commands/command-errors';
import { notApplicable } from '../domain/commands/applicability';
import { CommandPlanError, factsheetRefusal, validateCommand, wireIdsOf } from '../domain/commands/command-plan';
import type { RobotView } from '../domain/robot';
import type { RoutePlanner } from '../domain/route-planner';
import type { FactsheetSummary } from '../domain/vda5050/factsheet-summary';
import type { Clock } from '../ports/clock';
import type { CommandDispatch } from '../ports/command-dispatch';
import type { CommandLedger, Issuer } from '../ports/command-ledger';
import type { FleetReader } from '../ports/fleet-reader';
import { toView, type CommandBook } from './command-book';
import { COMMAND_NODES, type CommandTracing } from './command-tracing';

export interface LedgerDeps {
  db: Db;
  book: CommandBook;
  dispatcher: CommandDispatch;
  fleet: FleetReader;
  factsheets: { get(robotId: number): FactsheetSummary | undefined };
  planner: RoutePlanner;
  clock: Clock;
  tracing?: CommandTracing;
  /** This process (NODE_ID): its dispatcher follows the commands recorded here. */
  node?: string;
}

/** Priority of stop-all pauses: ahead of anything queued. */
export const STOP_ALL_PRIORITY = 10;

const sameRequest = (c: CommandRecord, robotId: number, type: CommandType, params: Record<string, unknown>) =>
  c.robotId === robotId && c.type === type && canonical(c.params) === canonical(params);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function createCommandLedger(deps: LedgerDeps): CommandLedger {
  const { db, book } = deps;

  /** Why this robot cannot take the command, judged now (null: it can be queued). */
  function refusal(robot: RobotView, type: CommandType, params: Record<string, unknown>): string | null {
    try {
      validateCommand(deps.planner, type, params);
    } catch (e) {
      if (e instanceof CommandPlanError) return e.message;
      throw e;
    }
    return factsheetRefusal(deps.factsheets.get(robot.id), type) ?? notApplicable(robot, type);
  }

  async function record(
    input: IssueCommandInput & { priority?: number; batchId?: string; parentId?: string; issuedAt?: number },
    by: Issuer,
  ): Promise<CommandRecord> {
    const t0 = deps.tracing?.now() ?? 0;
    const robot = deps.fleet.get(input.robotId);
    if (!robot) throw new InvalidCommandError(`no robot with id ${input.robotId}`);
    const parsed = COMMAND_PARAMS[input.type].safeParse(input.params ?? {});
    if (!parsed.success)
      throw new InvalidCommandError(
        `${input.type}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`,
      );
    const params = parsed.data as Record<string, unknown>;
    const key = input.idempotencyKey ?? null;
    const replay = async (existing: CommandRecord) => {
      if (!sameRequest(existing, input.robotId, input.type, params)) throw new IdempotencyConflictError(key!, existing.id);
      return existing;
    };
    if (key) {
      const existing = await getCommandByKey(db, key);
      if (existing) return replay(existing);
    }
    const id = randomUUID();
    const why = refusal(robot, input.type, params);
    const row: NewCommand = {
      id,
      robotId: input.robotId,
      type: input.type,
      params,
      idempotencyKey: key,
      issuedBy: by.name,
      issuedAt: input.issuedAt ?? deps.clock.now(),
      ttlMs: input.ttlMs ?? DEFAULT_TTL_MS,
      priority: input.priority ?? 0,
      traceId: randomBytes(16).toString('hex'),
      ...wireIdsOf(input.type, id),
      batchId: input.batchId ?? null,
      parentId: input.parentId ?? null,
      status: why ? 'rejected' : 'queued',
      outcome: why,
      node: deps.node ?? null,
    };
    const inserted = await insertCommand(db, row);
    if (!inserted) {
      // Lost a race for the same idempotency key: the winner's command is the answer.
      const existing = await getCommandByKey(db, key!);
      if (!existing) throw new Error(`idempotency key ${key} was taken but its command is gone`);
      return replay(existing);
    }
    deps.tracing?.hop(
      inserted,
      COMMAND_NODES.ledger,
      'ledger.record',
      t0,
      why ? 'error' : 'ok',
      why ? `rejected: ${why}` : `queued by ${by.name}`,
    );
    book.add(inserted);
    return inserted;
  }

  const issueAndPump = async (input: Parameters<typeof record>[0], by: Issuer) => {
    const r = await record(input, by);
    if (r.status === 'queued') void deps.dispatcher.pump();
    return r;
  };

  return {
    async issue(input, by) {
      return toView(await issueAndPump(input, by));
    },
    async stopAll(robotIds, by) {
      const ids = robotIds ?? deps.fleet.list().map((r) => r.id);
      const unknown = ids.filter((id) => !deps.fleet.get(id));
      if (unknown.length > 0)
        throw new InvalidCommandError(`no robot with id ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`);
      const batchId = randomUUID();
      // One act, one instant: the batch shares its issue time, so the ledger's newest-first order
      // (by insertion) never disagrees with issuedAt among its commands, which are inserted concurrently.
      const issuedAt = deps.clock.now();
      const made = await Promise.all(
        ids.map((robotId) => record({ robotId, type: 'pause', priority: STOP_ALL_PRIORITY, batchId, issuedAt }, by)),
      );
      await deps.dispatcher.pump();
      // Report each command as it stands after the first dispatch pass.
      return made.map((c) => toView(book.get(c.id) ?? c));
    },
    async byId(id) {
      const c = book.get(id) ?? (await getCommand(db, id));
      if (!c) throw new CommandNotFoundError(id);
      return { command: toView(c), events: await commandEvents(db, id) };
    },
    async list(raw) {
      const input = listCommandsInput.parse(raw);
      const beforeSeq = input.cursor !== undefined ? Number(input.cursor) : undefined;
      if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq))
        throw new InvalidCommandError('cursor is not one this server gave out');
      const { rows, more } = await listCommands(db, {
        robotId: input.robotId,
        statuses: input.status,
        types: input.type,
        issuedBy: input.issuedBy,
        from: input.from,
        to: input.to,
        beforeSeq,
        limit: input.limit,
      });
      return { items: rows.map(toView), nextCursor: more && rows.length > 0 ? String(rows[rows.length - 1]!.seq) : null };
    },
    async cancel(id, by) {
      const c = book.get(id) ?? (await getCommand(db, id));
      if (!c) throw new CommandNotFoundError(id);
      if (isFinal(c.status)) throw new NotCancellableError(`command ${id} is already ${c.status}`);
      if (c.status === 'queued' || c.status === 'requested') {
        // Not durable: if the database refuses it, the operator is told and the command stays queued.
        const r = await book.advance(id, 'cancelled', {
          onlyFrom: ['queued'],
          outcome: `cancelled by ${by.name} before it was sent`,
          detail: `cancelled by ${by.name}`,
          durable: false,
        });
        if (r?.status === 'cancelled') return toView(r);
      }
      const now = book.get(id) ?? c;
      if (now.orderId === null) {
        throw new NotCancellableError(
          `${now.type} was already sent to the robot and an instant action cannot be recalled; send the opposite command instead (e.g. resume after pause)`,
        );
      }
      // An order on its way: ask the robot to cancel it; the order's command ends `cancelled` when the robot says so.
      await issueAndPump({ robotId: now.robotId, type: 'cancelOrder', priority: STOP_ALL_PRIORITY, parentId: now.id }, by);
      return toView(book.get(id) ?? now);
    },
    onChange: (l) => book.onChange(l),
  };
}
