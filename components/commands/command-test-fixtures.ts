// A CommandView for unit tests, with only what a test cares about given.
import type { CommandView } from '@/server/domain/commands/command';

export function aCommand(over: Partial<CommandView> = {}): CommandView {
  return {
    id: 'c-1',
    robotId: 1,
    type: 'pause',
    params: {},
    idempotencyKey: null,
    issuedBy: 'anonymous',
    issuedAt: 1000,
    ttlMs: 30_000,
    priority: 0,
    status: 'queued',
    attempts: 0,
    queuedAt: 1000,
    dispatchedAt: null,
    acknowledgedAt: null,
    runningAt: null,
    finishedAt: null,
    outcome: null,
    traceId: 't',
    actionId: null,
    orderId: null,
    batchId: null,
    updatedAt: 1000,
    ...over,
  };
}
