// The app in a child process, for the crash test: it waits for the robots in ISSUE_SERIALS, issues one ISSUE_TYPE
// command to each and prints every status change as a JSON line, until the parent kills it (SIGKILL).
import { createApp } from '../app';
import type { CommandType } from '../domain/commands/command';
import { parseConfig } from '../config';
import { robotLogin } from './mqtt-credentials';
import { testLogger, waitFor } from './test-env';

const config = parseConfig(process.env);
const serials = (process.env.ISSUE_SERIALS ?? 'SIM-0001').split(',');
const type = (process.env.ISSUE_TYPE ?? 'pause') as CommandType;
const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

const app = await createApp(config, { logger: testLogger });
// The parent's simulated robots sign in with this (stored hashed, so the restarted app accepts it too).
print({ event: 'ready', brokerUrl: app.brokerUrl, login: await robotLogin(app, 'SimRobotics') });
app.commands.onChange((c) => print({ event: 'command', id: c.id, robotId: c.robotId, status: c.status }));
for (const serial of serials) {
  const robot = await waitFor(
    `robot ${serial} online`,
    () => app.runtime.fleet.list().find((r) => r.serialNumber === serial && r.connection === 'ONLINE' && r.pose),
    30_000,
  );
  const c = await app.commands.issue({ robotId: robot.id, type }, { name: 'crash-test' });
  print({ event: 'issued', serial, id: c.id, status: c.status });
}
