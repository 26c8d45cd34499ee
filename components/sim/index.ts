// Fault injection's public entry (npm run lint checks that other features use only this).
export { FaultInjection } from './FaultInjection';
