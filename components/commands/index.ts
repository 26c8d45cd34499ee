// The commands feature's public entry: what other features may use (architecture.md, "a feature never reaches
// into another feature's internals"; npm run lint checks it).
export { RobotCommands } from './RobotCommands';
export { SelectionPanel } from './SelectionPanel';
export { chooseTarget, useCommandFlow } from './command-flow-store';
export { applyCommandUpdates } from './command-store';
export { resyncCommands } from './resync-commands';
export { targetOptions, targetParams, type TargetOption } from './target-options';
