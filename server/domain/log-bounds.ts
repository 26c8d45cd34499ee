// Bounds on what a log line carries and how often a repeated problem is logged. Pure: the logging adapter cuts
// every record with truncateText, and workers and adapters throttle their own repeated messages.

/** Longest text a log line carries per field: a driver error quotes the whole failed query and its parameters
 *  (a trace_hops batch made 940 KB lines, retried every 5 s), and a payload can be anything a robot sent. */
export const MAX_LOG_TEXT = 1024;

/** The text cut to `max` characters, saying how long it was. */
export function truncateText(s: string, max: number = MAX_LOG_TEXT): string {
  return s.length <= max ? s : `${s.slice(0, max)}… [${s.length - max} more chars]`;
}

/** Logs the first few occurrences of a repeated problem, then every `every`-th, so a flood cannot drown the log. */
export function createThrottle(first = 5, every = 1000, maxKeys = 10_000): (key: string) => boolean {
  const counts = new Map<string, number>();
  return (key) => {
    // Bounded: past the cap (a flood of distinct keys) counting starts over rather than growing without end.
    if (!counts.has(key) && counts.size >= maxKeys) counts.clear();
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= first || n % every === 0;
  };
}
