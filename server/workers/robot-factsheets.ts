// Factsheets in memory: loaded from robots.factsheet at start, refreshed from every factsheet on the bus.
// The commander reads them to refuse actions a robot does not support; tRPC shows them (fleet.factsheet).
import type { Envelope } from '../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { summariseFactsheet, type FactsheetSummary } from '../domain/vda5050/factsheet-summary';
import type { FactsheetStore } from '../ports/factsheet-store';
import type { MessageBus } from '../ports/message-bus';

export interface FactsheetBook {
  get(robotId: number): FactsheetSummary | undefined;
  stop(): void;
}

export async function createFactsheetBook(deps: { store: FactsheetStore; bus: MessageBus }): Promise<FactsheetBook> {
  const byRobot = new Map<number, FactsheetSummary>();
  const onFactsheet = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (t.topic === 'factsheet') byRobot.set(t.robotId, summariseFactsheet(t.message));
  };
  // Subscribe before loading so a factsheet arriving meanwhile is not overwritten by an older stored one.
  const sub = deps.bus.subscribe(SUBJECTS.factsheet, onFactsheet, { name: 'factsheet-book' });
  for (const row of await deps.store.list()) {
    if (!byRobot.has(row.robotId)) byRobot.set(row.robotId, summariseFactsheet(row.factsheet));
  }
  return { get: (id) => byRobot.get(id), stop: () => sub.unsubscribe() };
}
