// Replays an export (JSON Lines) into a running app through its MQTT broker, as if the robots were live: each line
// is validated, its topic rewritten to the target's VDA interface, its header timestamp set to now (so the app sees
// fresh messages; relative order kept), and published at the recorded pace divided by `speed` (0: as fast as the
// broker takes them). Bounded: line length, line count, robot count; an abort signal stops it between lines.
import type { ImportReport } from '../../ports/history-reader';
import type { HistoryImporter } from '../../ports/history-reader';
import type { Clock } from '../../ports/clock';
import { vdaTopic } from '../../domain/vda5050/messages';
import { MAX_IMPORT_LINES, MAX_IMPORT_ROBOTS, parseImportLine } from './import-line';

/** What the importer publishes through (server/adapters/mqtt/replay-publisher.ts on mqtt.js). */
export interface ReplayPublisher {
  /** Resolves once the message is handed to the socket (QoS 0) or acknowledged (QoS 1). */
  publish(topic: string, payload: string, o: { qos: 0 | 1 }): Promise<void>;
  close(): Promise<void>;
}

export interface HistoryImporterDeps {
  connect(): Promise<ReplayPublisher>;
  clock: Clock;
  /** The VDA interface to publish under (the target app's VDA_INTERFACE); the recorded one when absent. */
  iface?: string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const IMPORT_SPEEDS = [1, 4, 16, 64, 0] as const;
const MAX_REASONS = 10;

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export function createHistoryImporter(deps: HistoryImporterDeps): HistoryImporter {
  const sleep = deps.sleep ?? defaultSleep;
  return {
    async importLines(lines, o) {
      if (!Number.isFinite(o.speed) || o.speed < 0) throw new RangeError('speed is a positive factor, or 0 for as fast as possible');
      const started = deps.clock.now();
      const report: ImportReport = { lines: 0, published: 0, refused: 0, reasons: [], robots: 0, durationMs: 0 };
      const refuse = (n: number, reason: string) => {
        report.refused++;
        if (report.reasons.length < MAX_REASONS) report.reasons.push(`line ${n}: ${reason}`);
      };
      const robots = new Set<string>();
      let first: { recorded: number; wall: number } | null = null;
      const publisher = await deps.connect();
      try {
        for await (const raw of lines) {
          if (o.signal?.aborted) break;
          const text = raw.trim();
          if (text === '') continue;
          if (report.lines >= MAX_IMPORT_LINES) {
            refuse(report.lines + 1, `more than ${MAX_IMPORT_LINES} lines; the rest is not read`);
            break;
          }
          const n = ++report.lines;
          const parsed = parseImportLine(text);
          if (!parsed.ok) {
            refuse(n, parsed.reason);
            continue;
          }
          const l = parsed.line;
          const key = `${l.manufacturer}/${l.serialNumber}`;
          if (!robots.has(key)) {
            if (robots.size >= MAX_IMPORT_ROBOTS) {
              refuse(n, `more than ${MAX_IMPORT_ROBOTS} robots`);
              continue;
            }
            robots.add(key);
          }
          // Recorded pace: line k goes out at start + (receivedAt_k - receivedAt_0) / speed.
          if (!first) first = { recorded: l.receivedAt, wall: deps.clock.now() };
          else if (o.speed > 0) {
            const due = first.wall + (l.receivedAt - first.recorded) / o.speed;
            const wait = due - deps.clock.now();
            if (wait > 1) await sleep(wait, o.signal);
            if (o.signal?.aborted) break;
          }
          const iface = deps.iface ?? l.iface;
          const payload = JSON.stringify({ ...l.payload, timestamp: new Date(deps.clock.now()).toISOString() });
          await publisher.publish(vdaTopic(iface, l.manufacturer, l.serialNumber, l.sub), payload, {
            qos: l.sub === 'visualization' ? 0 : 1,
          });
          report.published++;
        }
      } finally {
        await publisher.close();
      }
      report.robots = robots.size;
      report.durationMs = deps.clock.now() - started;
      return report;
    },
  };
}
