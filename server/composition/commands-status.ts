// When the commands component of /api/health is degraded: the ledger records every change in the database and
// reaches robots through the gateway, so either one away (with commands open), or ledger writes retried or
// waiting long, mean commands are not where the ledger says.
import type { ComponentHealth } from '../services/health';

/** A ledger write waiting this long (or any retried one) makes the commands component degraded. */
export const SLOW_WRITE_MS = 10_000;

export function commandsStatus(s: {
  database: ComponentHealth['status'];
  gatewayConnected: boolean;
  open: number;
  retryingWrites: number;
  oldestPendingWriteMs: number;
}): 'ok' | 'degraded' {
  const degraded =
    s.database !== 'ok' || (!s.gatewayConnected && s.open > 0) || s.retryingWrites > 0 || s.oldestPendingWriteMs > SLOW_WRITE_MS;
  return degraded ? 'degraded' : 'ok';
}
