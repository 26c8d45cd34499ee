// Asks a robot for its factsheet (instant action factsheetRequest) on first contact when none is known.
// Waits a moment first: robots usually publish their factsheet retained, and it arrives right after the
// first messages of a fresh subscription.
import type { Envelope } from '../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { factsheetRequest } from '../domain/vda5050/instant-actions';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { RobotCommander } from '../ports/robot-commander';
import type { FactsheetBook } from './robot-factsheets';

export interface FactsheetRequester {
  stats(): { requested: number };
  stop(): void;
}

export function createFactsheetRequester(deps: {
  bus: MessageBus;
  factsheets: FactsheetBook;
  commander: RobotCommander;
  logger: Logger;
  graceMs?: number;
}): FactsheetRequester {
  const log = deps.logger.child({ component: 'worker:factsheet-requester' });
  const graceMs = deps.graceMs ?? 1500;
  const contacted = new Set<number>();
  const timers = new Set<NodeJS.Timeout>();
  let requested = 0;

  const request = (robotId: number) => {
    if (deps.factsheets.get(robotId)) return;
    requested++;
    deps.commander.sendInstantActions(robotId, [factsheetRequest()]).then(
      (sent) =>
        void sent.delivery.then((o) => o.status === 'not_acknowledged' && log.info({ robotId }, 'factsheet request not acknowledged')),
      (err: unknown) => log.warn({ robotId, err: (err as Error).message }, 'factsheet request refused'),
    );
  };

  const onContact = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    if (contacted.has(t.robotId)) return;
    // A retained OFFLINE/CONNECTIONBROKEN is not contact: nobody is there to answer.
    if (t.topic === 'connection' && t.message.connectionState !== 'ONLINE') return;
    contacted.add(t.robotId);
    if (deps.factsheets.get(t.robotId)) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      request(t.robotId);
    }, graceMs);
    timer.unref();
    timers.add(timer);
  };

  const subs = [SUBJECTS.state, SUBJECTS.visualization, SUBJECTS.connection].map((s) =>
    deps.bus.subscribe(s, onContact, { name: 'factsheet-requester', delivery: 'this-node' }),
  );
  return {
    stats: () => ({ requested }),
    stop() {
      subs.forEach((s) => s.unsubscribe());
      timers.forEach(clearTimeout);
    },
  };
}
