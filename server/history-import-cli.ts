// npm run history:import -- --file rec.jsonl [--speed 1|4|16|64|max] [--url mqtt://127.0.0.1:1884]
//                           [--username u --password p] [--interface uagv]
// Replays an export of GET /api/history/export into a running app through its MQTT broker, as live robots
// (services/history/history-importer.ts). The embedded broker signs clients in: use a robot credential of the
// recorded manufacturer (Admin → Robot credentials) or a broker of your own. The recording is rebuilt from history,
// not the robots' original bytes. Ctrl-C stops between lines and prints the counts so far.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { connectReplayPublisher } from './adapters/mqtt/replay-publisher';
import { systemClock } from './ports/clock';
import { createHistoryImporter } from './services/history/history-importer';
import { MAX_IMPORT_LINE_CHARS } from './services/history/import-line';

const SPEEDS: Record<string, number> = { '1': 1, '4': 4, '16': 16, '64': 64, max: 0 };

function fail(message: string): never {
  console.error(`history:import: ${message}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      speed: { type: 'string', default: '1' },
      url: { type: 'string', default: process.env.MQTT_URL || `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 1884}` },
      username: { type: 'string' },
      password: { type: 'string' },
      interface: { type: 'string', default: process.env.VDA_INTERFACE },
    },
  });
  if (!values.file) fail('--file <export.jsonl> is required');
  const speed = SPEEDS[values.speed];
  if (speed === undefined) fail(`--speed is one of 1, 4, 16, 64 or max, got "${values.speed}"`);
  const importer = createHistoryImporter({
    connect: () =>
      connectReplayPublisher({
        url: values.url,
        ...(values.username !== undefined && { username: values.username }),
        ...(values.password !== undefined && { password: values.password }),
      }),
    clock: systemClock,
    ...(values.interface && { iface: values.interface }),
  });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const input = createReadStream(values.file, { encoding: 'utf8', highWaterMark: MAX_IMPORT_LINE_CHARS });
  input.once('error', (e) => fail(`cannot read ${values.file}: ${e.message}`));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const report = await importer.importLines(lines, { speed, signal: abort.signal });
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.published > 0 ? 0 : 1);
}

main().catch((e: unknown) => fail((e as Error).message));
