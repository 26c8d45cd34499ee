// Traces of commands (always sampled): operator request → ledger record → dispatch → MQTT publish → robot
// acknowledgement (the last two from the traced commander) → the robot carrying it out → final status → pushed
// to viewers. The trace id is
// the command's own `traceId`, so the ledger row and the trace find each other, also after a restart.
import { isFinal, type CommandView } from '../domain/commands/command';
import type { HopOutcome, TraceContext } from '../domain/flow/hop';
import { nodeId } from '../domain/flow/topology';
import type { TraceSink } from '../ports/trace-sink';

type Traced = Pick<CommandView, 'id' | 'robotId' | 'type' | 'traceId'>;

export const COMMAND_NODES = {
  ledger: nodeId.worker('command-ledger'),
  dispatcher: nodeId.worker('command-dispatcher'),
  table: nodeId.table('commands'),
} as const;

/** How the robot's part ended, for its span: a cancel cut it short, anything but success is an error. */
const executeOutcome = (c: CommandView): HopOutcome =>
  c.status === 'succeeded' ? 'ok' : c.status === 'cancelled' ? 'superseded' : 'error';

/**
 * The robot carrying the command out, from its acknowledgement (or from running, when the ledger saw that first)
 * to the final status: the drive of a go-to is most of a command's end-to-end time, and without this span the
 * waterfall could not say where that time went. Null when the robot never took the command.
 */
export function executeSpan(c: CommandView, now: number): { startMs: number; endMs: number; outcome: HopOutcome; detail: string } | null {
  const from = c.acknowledgedAt ?? c.runningAt;
  if (from === null) return null;
  const endMs = Math.max(from, c.finishedAt ?? now);
  const began = c.acknowledgedAt !== null ? 'acknowledged' : 'running';
  return { startMs: from, endMs, outcome: executeOutcome(c), detail: `${began} → ${c.status}${c.outcome ? `: ${c.outcome}` : ''}` };
}

/** `robotGroup`: a robot's manufacturer, to put the robot's own span on its robots node of the graph. */
export function createCommandTracing(sink: TraceSink | undefined, robotGroup?: (robotId: number) => string | undefined) {
  const live = new Map<string, TraceContext>();
  const ctxOf = (c: Traced): TraceContext | null => {
    if (!sink) return null;
    let ctx = live.get(c.id);
    if (!ctx) live.set(c.id, (ctx = sink.start({ kind: 'command', robotId: c.robotId, subject: `command.${c.type}`, traceId: c.traceId })));
    return ctx;
  };
  return {
    now: () => sink?.now() ?? 0,
    ctx: ctxOf,
    /** A stage that began at `startMs` and ends now. */
    hop(c: Traced, node: string, operation: string, startMs: number, outcome: HopOutcome = 'ok', detail: string | null = null) {
      const ctx = ctxOf(c);
      if (ctx && sink) sink.hop(ctx, { node, operation, startMs, endMs: sink.now(), outcome, detail });
    },
    /** The ledger recorded a final status: the last server-side hop. */
    final(c: CommandView) {
      if (!isFinal(c.status)) return;
      const t = sink?.now() ?? 0;
      const run = executeSpan(c, t);
      const ctx = run && ctxOf(c);
      if (run && ctx && sink) {
        const group = robotGroup?.(c.robotId);
        sink.hop(ctx, { node: group ? nodeId.robots(group) : COMMAND_NODES.dispatcher, operation: 'robot.execute', ...run });
      }
      this.hop(
        c,
        COMMAND_NODES.ledger,
        'ledger.final',
        t,
        c.status === 'succeeded' ? 'ok' : 'error',
        `${c.status}${c.outcome ? `: ${c.outcome}` : ''}`,
      );
    },
    /** Viewers were sent the final status; the trace is complete. */
    pushed(c: CommandView) {
      if (!isFinal(c.status)) return;
      const t = sink?.now() ?? 0;
      this.hop(c, nodeId.fanout, 'socketio.send', t, 'ok', 'commands:update');
      live.delete(c.id);
    },
  };
}

export type CommandTracing = ReturnType<typeof createCommandTracing>;
