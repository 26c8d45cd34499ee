'use client';
// Multi-select over the canvas: shift-click adds/removes the robot under the pointer, shift-drag draws a box
// and adds every robot inside it. Shift-presses are caught in the capture phase, before OrbitControls (which
// would pan on shift-drag) and three's picking see them; plain clicks and drags pass through untouched.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { isDrag, nearestRobot, rectFrom, robotsInRect, type Point, type Rect } from './box-selection';
import { screenProjection } from './screen-projection';

export function BoxSelect({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [band, setBand] = useState<Rect | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let start: Point | null = null;
    let dragging = false;
    const local = (e: PointerEvent): Point => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || !e.shiftKey) return;
      e.stopPropagation();
      e.preventDefault();
      start = local(e);
      dragging = false;
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!start) return;
      e.stopPropagation();
      const p = local(e);
      dragging ||= isDrag(start, p);
      if (dragging) setBand(rectFrom(start, p));
    };
    const onUp = (e: PointerEvent) => {
      if (!start) return;
      e.stopPropagation();
      const p = local(e);
      const { ids, toggleSelected, selectMany } = useFleetStore.getState();
      if (dragging) selectMany(robotsInRect(ids, screenProjection.positionOf, rectFrom(start, p)), true);
      else {
        const id = nearestRobot(ids, screenProjection.positionOf, p);
        if (id !== null) toggleSelected(id);
      }
      start = null;
      dragging = false;
      setBand(null);
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const onCancel = () => {
      start = null;
      dragging = false;
      setBand(null);
    };
    el.addEventListener('pointerdown', onDown, { capture: true });
    el.addEventListener('pointermove', onMove, { capture: true });
    el.addEventListener('pointerup', onUp, { capture: true });
    el.addEventListener('pointercancel', onCancel, { capture: true });
    return () => {
      el.removeEventListener('pointerdown', onDown, { capture: true });
      el.removeEventListener('pointermove', onMove, { capture: true });
      el.removeEventListener('pointerup', onUp, { capture: true });
      el.removeEventListener('pointercancel', onCancel, { capture: true });
    };
  }, []);

  return (
    <div ref={ref} className="box-select" data-testid="scene-input">
      {children}
      {band ? (
        <div
          className="box-select-band"
          data-testid="selection-box"
          style={{ left: band.left, top: band.top, width: band.right - band.left, height: band.bottom - band.top }}
          aria-hidden
        />
      ) : null}
    </div>
  );
}
