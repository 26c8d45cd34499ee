// Every chaos scenario, in the order `npm run chaos` runs them: one line each, name → its module's Scenario (loaded
// only in the child process that runs it).
import type { Scenario } from '../lib/result';

export const scenarios: Record<string, () => Promise<Scenario>> = {
  'mqtt-fuzz': () => import('./mqtt-fuzz').then((m) => m.mqttFuzz),
  'trpc-fuzz': () => import('./trpc-fuzz').then((m) => m.trpcFuzz),
  'socket-fuzz': () => import('./socket-fuzz').then((m) => m.socketFuzz),
  'reconnect-storm': () => import('./reconnect-storm').then((m) => m.reconnectStorm),
  'kill-app': () => import('./kill-app').then((m) => m.killApp),
  'broker-kill': () => import('./broker-kill').then((m) => m.brokerKill),
  'postgres-outage': () => import('./postgres-outage').then((m) => m.postgresOutage),
};
