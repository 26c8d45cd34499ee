// The rig of the process-level scenarios: a private Postgres and Mosquitto, the app on them, the simulator as its own
// process, every robot online. Each piece is deferred for cleanup as it starts, so a failure anywhere stops it all.
import { startPrivateMosquitto, startPrivatePostgres } from '../../server/testing/private-services';
import { createApp } from './app-process';
import { onlineRobots } from './command-driver';
import type { ScenarioKit } from './scenario-kit';
import { startSim } from './sim-process';

export async function startOutageRig(k: ScenarioKit, robotCount: number, seed: number) {
  const pg = await startPrivatePostgres();
  k.defer(() => pg.destroy());
  const mq = await startPrivateMosquitto();
  k.defer(() => mq.destroy());
  const app = await createApp({ dir: k.dir, databaseUrl: pg.url, mqttUrl: mq.url });
  k.defer(() => app.stop());
  await app.start();
  const sim = await startSim({ dir: k.dir, brokerUrl: mq.url, iface: app.iface, robots: robotCount, hz: 2, seed });
  k.defer(() => sim.child.stop('SIGKILL'));
  const robots = await onlineRobots(app.admin, robotCount, 60_000);
  const serialOf = new Map(robots.map((r) => [r.id, r.serialNumber]));
  return { pg, mq, app, sim, robots, serialOf };
}
