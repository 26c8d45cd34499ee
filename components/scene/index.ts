// The 3D scene's public entry (npm run lint checks that other features use only this).
export { default as FleetScene } from './FleetScene';
