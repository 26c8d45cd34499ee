// Budgets of sign-in attempts kept outside the process (shared by every node of a site), for the shared login
// limiter (services/identity/shared-login-limiter.ts). Implemented on Redis in adapters/redis/.

export type AttemptBudgetKind = 'account' | 'address' | 'device';

export interface AttemptBudget {
  kind: AttemptBudgetKind;
  /** The email, the address or the device token's nonce. */
  key: string;
}

export type AttemptTake = { ok: true } | { ok: false; retryAfterMs: number };

export interface AttemptCounters {
  /** Takes one point from every budget, or none at all when any is spent (then: how long until one is free). */
  take(budgets: readonly AttemptBudget[]): Promise<AttemptTake>;
  /** Gives back the points of an attempt that took them (a right password, or an attempt that was not judged). */
  give(budgets: readonly AttemptBudget[]): Promise<void>;
}
