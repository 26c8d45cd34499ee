// The replay feature's public entry (issue 19): the timeline under the 3D view, its banner, and the notice shown
// instead of commands while the fleet view shows the past.
export { ReplayBanner } from './ReplayBanner';
export { ReplayBar } from './ReplayBar';
export { ReplayCommandNotice } from './ReplayCommandNotice';
export { useReplay } from './use-replay';
export { useReplayKeys } from './use-replay-keys';
export { useReplayStore } from './replay-store';
