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
}
