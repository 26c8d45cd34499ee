// Which messages are traced: every error and every command, and a share of telemetry decided once per message
// at the gateway. Unsampled messages carry a false flag and cost nothing further.

export interface SamplingPolicy {
  /** Share of telemetry traced, 0..1. */
  rate: number;
}

export function shouldSample(
  policy: SamplingPolicy,
  opts: { error?: boolean; command?: boolean },
  random: () => number = Math.random,
): boolean {
  if (opts.error || opts.command) return true;
  if (policy.rate <= 0) return false;
  return policy.rate >= 1 || random() < policy.rate;
}
