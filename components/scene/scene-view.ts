// The 3D view's camera mode: perspective or top-down orthographic, and a request counter that makes CameraRig apply
// a preset pose once. "Follow" is the fleet store's follow flag (the robot panel toggles it too).
import { create } from 'zustand';
import { useFleetStore } from '@/components/realtime/fleet-store';
import type { CameraView, Projection } from './camera-presets';

interface SceneViewState {
  projection: Projection;
  /** The last preset chosen ('overview' or 'top') and a counter so choosing it again re-applies it. */
  preset: { view: Exclude<CameraView, 'follow'>; seq: number };
}

export const useSceneView = create<SceneViewState>()(() => ({ projection: 'perspective', preset: { view: 'overview', seq: 0 } }));

/** Applies a camera preset; "follow" needs a selected robot (false when there is none). */
export function chooseView(view: CameraView): boolean {
  const fleet = useFleetStore.getState();
  if (view === 'follow') {
    if (fleet.selectedId === null) return false;
    fleet.setFollow(true);
    return true;
  }
  fleet.setFollow(false);
  useSceneView.setState((s) => ({
    projection: view === 'top' ? 'orthographic' : 'perspective',
    preset: { view, seq: s.preset.seq + 1 },
  }));
  return true;
}
