// What every chaos scenario reports: what it tried, whether the app survived it, and the figures that show it.
export interface ScenarioOptions {
  /** Short form (CI): fewer inputs and shorter outages, a few minutes in all. */
  quick: boolean;
  /** Seeds every generator, so a failing run can be repeated exactly. */
  seed: number;
  log: (line: string) => void;
}

export interface ScenarioResult {
  name: string;
  /** One sentence: what was done to the app. */
  tried: string;
  /** True when every check held. */
  survived: boolean;
  /** Counts and timings, e.g. { payloads: 100000, crashes: 0, unhandledRejections: 0, rssMaxMb: 412 }. */
  figures: Record<string, number | string>;
  /** One line per check that did not hold (empty when survived). */
  failures: string[];
  durationMs: number;
}

export type Scenario = (opts: ScenarioOptions) => Promise<ScenarioResult>;
