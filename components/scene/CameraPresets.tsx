'use client';
// Camera preset buttons over the 3D view (Overview, Top-down 2D, Follow selected), also on the keys 1, 2 and 3
// when no text field, dialog or palette has the keyboard. The toolbar's data-projection tells tests which camera
// is active.
import { useEffect } from 'react';
import { useCommandFlow } from '@/components/commands';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { CAMERA_VIEWS, type CameraView, viewForKey } from './camera-presets';
import { chooseView, useSceneView } from './scene-view';

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function CameraPresets() {
  const projection = useSceneView((s) => s.projection);
  const presetView = useSceneView((s) => s.preset.view);
  const follow = useFleetStore((s) => s.follow && s.selectedId !== null);
  const canFollow = useFleetStore((s) => s.selectedId !== null);
  const active: CameraView = follow ? 'follow' : presetView;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const flow = useCommandFlow.getState();
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (flow.pending || flow.paletteOpen || flow.stopAllOpen) return;
      const view = viewForKey(e.key);
      if (view && chooseView(view)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div
      className="camera-presets"
      role="toolbar"
      aria-label="Camera"
      data-testid="camera-presets"
      data-projection={projection}
      data-view={active}
    >
      {CAMERA_VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          className="small-button"
          aria-pressed={active === v.view}
          aria-keyshortcuts={v.key}
          aria-label={`${v.label} (key ${v.key})`}
          title={v.view === 'follow' && !canFollow ? 'Select a robot to follow it' : `${v.label} (${v.key})`}
          disabled={v.view === 'follow' && !canFollow}
          onClick={() => chooseView(v.view)}
        >
          {v.label} <kbd>{v.key}</kbd>
        </button>
      ))}
    </div>
  );
}
