// The alert store and webhook outbox ports on Postgres/PGlite (db/queries/alerts.ts, db/queries/alert-outbox.ts).
import type { Db } from '../../../db/client';
import { dueOutbox, markOutboxDelivered, markOutboxRetry, outboxCounts, recentOutbox } from '../../../db/queries/alert-outbox';
import {
  alertTransitions,
  applyAlertChange,
  getAlert,
  listAlerts,
  saveAlertRule,
  storedAlertRules,
  unresolvedAlerts,
} from '../../../db/queries/alerts';
import type { AlertOutbox, AlertStore } from '../../ports/alert-store';

export function createAlertStore(db: Db): AlertStore {
  return {
    loadUnresolved: () => unresolvedAlerts(db),
    loadRules: () => storedAlertRules(db),
    saveRule: (rule) => saveAlertRule(db, rule),
    apply: async (change) => {
      await applyAlertChange(db, change);
    },
    list: (input) => listAlerts(db, input),
    byId: (id) => getAlert(db, id),
    transitions: (alertId) => alertTransitions(db, alertId),
  };
}

export function createAlertOutbox(db: Db): AlertOutbox {
  return {
    due: (now, limit) => dueOutbox(db, now, limit),
    delivered: (id, at) => markOutboxDelivered(db, id, at),
    retryLater: (id, attempt) => markOutboxRetry(db, id, attempt),
    recent: (limit) => recentOutbox(db, limit),
    counts: () => outboxCounts(db),
  };
}
