// The protocol inspector's public entry (npm run lint checks that other features use only this).
export { ProtocolInspector } from './ProtocolInspector';
