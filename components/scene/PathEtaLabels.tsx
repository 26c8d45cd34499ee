'use client';
// The pool of ETA labels ("+4 s") over the 3D view, placed by PlannedPaths; hidden until used. Decorative: the
// path is a visual aid and its ETAs are not announced.
import { etaLabelSlots, MAX_ETA_LABELS } from './eta-label-slots';

const SLOTS = Array.from({ length: MAX_ETA_LABELS }, (_, i) => i);

export function PathEtaLabels() {
  return (
    <div className="path-eta-labels" aria-hidden="true" data-testid="path-eta-labels">
      {SLOTS.map((i) => (
        <span
          key={i}
          className="path-eta"
          hidden
          ref={(el) => {
            etaLabelSlots[i] = el;
          }}
        />
      ))}
    </div>
  );
}
