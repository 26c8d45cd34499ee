export interface LiveFanout {
  start(): void;
  stop(): Promise<void>;
  health(): FanoutHealth;
}

export interface FanoutHealth {
  status: 'ok' | 'degraded' | 'down';
  viewers: number;
  framesSent: number;
  lastFrameRobots: number;
  tickMs: number;
  /** Snapshots sent on request (fleet:resync), requests deferred past the socket's budget, and requests that
   * joined one already pending. */
  snapshotsSent?: number;
  resyncsDeferred?: number;
  resyncsJoined?: number;
  /** Viewers whose frames are paused now because their connection fell behind; how many times that happened; frames not sent to them. */
  viewersBehind?: number;
  viewersFellBehind?: number;
  framesSkipped?: number;
}
