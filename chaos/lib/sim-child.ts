// The simulated robots as a process of their own, so they keep publishing while the app is killed or restarted.
// Env: SIM_BROKER, SIM_IFACE, SIM_ROBOTS, SIM_HZ, SIM_SEED. Prints "sim ready" once every robot has connected;
// answers "report" on stdin with one JSON line {"report": {published, executions}}; "stop" stops cleanly, reports, exits.
import readline from 'node:readline';
import { readMapFile } from '../../server/services/site-map';
import { startFleet } from '../../server/sim/fleet';

const env = (k: string, d?: string): string =>
  process.env[k] ??
  d ??
  (() => {
    throw new Error(`${k} is required`);
  })();
const fleet = await startFleet({
  brokerUrl: env('SIM_BROKER'),
  iface: env('SIM_IFACE'),
  robots: Number(env('SIM_ROBOTS', '20')),
  hz: Number(env('SIM_HZ', '5')),
  seed: Number(env('SIM_SEED', '1')),
  map: await readMapFile(),
  autonomous: 'never',
});
void fleet.ready.then(() => console.log('sim ready'));
const report = () => console.log(JSON.stringify({ report: { published: fleet.published(), executions: fleet.executions() } }));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'report') report();
  // "delay <ms>": every robot's replies and telemetry are held back that long (0 clears it); answers "delay set".
  const delay = /^delay (\d+)$/.exec(line);
  if (delay) {
    const ms = Number(delay[1]);
    for (const r of fleet.robots) {
      if (ms > 0) fleet.injectFault(r.serialNumber, { kind: 'delay', ms });
      else fleet.clearFault(r.serialNumber, 'delay');
    }
    console.log('delay set');
  }
  if (line === 'stop') void fleet.stop({ clean: true }).then(() => (report(), process.exit(0)));
});
