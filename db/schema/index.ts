export * from './robots';
export * from './robot-events';
export * from './warehouse-maps';
export * from './commands';
export * from './trace-hops';
export * from './identity';
export * from './alerts';
export * from './history';
