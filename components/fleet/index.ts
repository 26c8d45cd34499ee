// The fleet feature's public entry: what other features may use (npm run lint checks it).
export { StatusBadge } from './StatusBadge';
export { STALE_COLOR, STATUS_COLOR, STATUS_ORDER } from './status-palette';
