// What /api/health answers: the overall status and each component's, from its real state.
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface HealthReport {
  status: HealthStatus;
  /** Which process answered (NODE_ID): with several behind one address, whose health this is. */
  node?: string;
  components: Record<string, { status: HealthStatus; [k: string]: unknown }>;
}
