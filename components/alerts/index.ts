// The alerts feature's public entry: what other features and the app may use (npm run lint checks it).
export { AlertBell } from './AlertBell';
export { AlertCenter } from './AlertCenter';
export { AlertMark } from './AlertMark';
export { severityRank } from './alert-merge';
export { applyAlertSnapshot, applyAlertUpdate, robotAlertSeverities, useRobotAlertSeverities } from './alert-store';
export { AlertRulesAdmin } from './rules/AlertRulesAdmin';
