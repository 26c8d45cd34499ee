// The message bus chosen by configuration: NATS JetStream when BUS_URL is set (the start fails with one line when
// it is unreachable), the in-process bus otherwise. Both behind the MessageBus port, tested by one contract.
import { createInProcessBus } from '../adapters/bus/in-process';
import { createNatsBus } from '../adapters/bus/nats-jetstream';
import type { AppConfig } from '../config';
import { createThrottle } from '../domain/log-bounds';
import { SUBJECTS } from '../domain/telemetry';
import { CLUSTER_SUBJECTS } from '../domain/cluster/cluster-subjects';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';

export async function createBus(config: AppConfig, logger: Logger): Promise<MessageBus> {
  // Every failure is counted in the bus health; the log gets the first few per subscriber, then every 1000th.
  const shouldLog = createThrottle(5, 1000);
  const onHandlerError = (name: string, err: unknown) => {
    if (shouldLog(name)) logger.error({ subscriber: name, err: (err as Error).message }, 'bus subscriber failed');
  };
  if (!config.BUS_URL) return createInProcessBus({ onHandlerError });
  const bus = await createNatsBus({
    url: config.BUS_URL,
    prefix: config.BUS_PREFIX,
    maxAgeSeconds: config.BUS_MAX_AGE_SECONDS,
    maxBytes: config.BUS_MAX_BYTES,
    // Poses: ten a second per robot, each superseded 100 ms later: plain subjects, neither stored nor acknowledged.
    // Node announcements and the leader's zone view too: each is superseded by the next one a second later.
    // Commands relayed to the gateways too: the commander resends until the robot's state shows them.
    // The gateways' protocol stats (superseded a second later) and the protocol asks and answers (given up in seconds).
    unackedSubjects: [
      SUBJECTS.visualization,
      CLUSTER_SUBJECTS.nodes,
      CLUSTER_SUBJECTS.zoneView,
      CLUSTER_SUBJECTS.outbound,
      CLUSTER_SUBJECTS.protocolStats,
      CLUSTER_SUBJECTS.protocolAsk,
      CLUSTER_SUBJECTS.protocolAnswer,
    ],
    onHandlerError,
    // A NATS outage can lose thousands of publishes (each counted in health): the log gets a few per kind of event.
    onEvent: (event, detail) => {
      if (shouldLog(`event:${event}`)) logger.warn(detail, event);
    },
  });
  logger.info({ url: config.BUS_URL, prefix: config.BUS_PREFIX }, 'bus: NATS JetStream');
  return bus;
}
