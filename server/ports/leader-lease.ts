// Who runs the app's singletons (webhook dispatch today; the command dispatcher, liveness, retention and alert
// rules with node roles): one holder at a time across every process on one database.
export interface LeaderLease {
  readonly kind: string;
  isLeader(): boolean;
  /** Called on every change, with the new state; the returned function stops listening. */
  onChange(listener: (leader: boolean) => void): () => void;
  stats(): LeaseStats;
  /** Gives the lease up (another candidate takes it at its next try). */
  stop(): Promise<void>;
}

export interface LeaseStats {
  leader: boolean;
  /** Times this process became the leader. */
  gained: number;
  /** Times it lost the lease without giving it up (its database session ended). */
  lost: number;
  /** Epoch ms of the last change, null before any. */
  changedAt: number | null;
  lastError: string | null;
}
