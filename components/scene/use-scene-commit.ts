// Every scene component calls this so window.__fleetDebug.sceneRenders counts React commits of the
// scene subtree, in production builds too (see noteSceneCommit).
import { useLayoutEffect } from 'react';
import { noteSceneCommit } from '@/components/realtime/fleet-debug';

export function useSceneCommit(): void {
  useLayoutEffect(() => {
    noteSceneCommit();
  });
}
