// Preloaded into the app under test (NODE_OPTIONS=--import …/app-probe.mjs, CHAOS_PROBE_FILE=<file>): counts unhandled
// rejections and uncaught exceptions with process hooks, samples RSS and event-loop delay, and writes the figures to the file four times a
// second (maxima since the scenario's last `<file>.reset`), so a scenario reads the app's own figures without the fuzzer's load or memory in them. Plain JS: it loads
// before tsx. Only the main thread of the process that got the variable reports (workers and children stay silent).
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.CHAOS_PROBE_FILE;
if (file && isMainThread) {
  delete process.env.CHAOS_PROBE_FILE; // not inherited by the app's own child processes
  const f = {
    pid: process.pid,
    rssMb: 0,
    rssMaxMb: 0,
    eldP99Ms: 0,
    eldMaxMs: 0,
    eldP99MaxMs: 0,
    unhandledRejections: 0,
    firstRejection: '',
    uncaughtExceptions: 0,
    firstException: '',
    resets: 0,
  };
  process.on('unhandledRejection', (reason) => {
    f.unhandledRejections++;
    if (!f.firstRejection) f.firstRejection = String(reason instanceof Error ? (reason.stack ?? reason.message) : reason).slice(0, 600);
    write();
  });
  // The monitor sees every uncaught exception without changing what happens next (Next logs some and carries on).
  process.on('uncaughtExceptionMonitor', (err) => {
    f.uncaughtExceptions++;
    if (!f.firstException) f.firstException = String(err?.stack ?? err).slice(0, 600);
    write();
  });
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  const write = () => {
    try {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(f));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      /* the scenario's directory is gone: it has finished */
    }
  };
  const sample = () => {
    f.rssMb = Math.round(process.memoryUsage.rss() / 2 ** 20);
    // The scenario starts its attack: the maxima from here on are the attack's (start-up's compile is not).
    if (fs.existsSync(`${file}.reset`)) {
      fs.rmSync(`${file}.reset`, { force: true });
      Object.assign(f, { rssMaxMb: 0, eldMaxMs: 0, eldP99MaxMs: 0, resets: f.resets + 1 });
    }
    f.rssMaxMb = Math.max(f.rssMaxMb, f.rssMb);
    // Per window of 250 ms, so one slow window shows instead of being averaged away.
    f.eldP99Ms = Math.round(eld.percentile(99) / 1e5) / 10;
    f.eldP99MaxMs = Math.max(f.eldP99MaxMs, f.eldP99Ms);
    f.eldMaxMs = Math.max(f.eldMaxMs, Math.round(eld.max / 1e5) / 10);
    eld.reset();
    write();
  };
  setInterval(sample, 250).unref();
}
