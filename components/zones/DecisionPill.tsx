// A request's decision as a coloured pill (GRANTED green, QUEUED amber, REJECTED / REVOKED red, RELEASED grey);
// the word itself carries the meaning, the colour only helps scanning.
import type { RequestDecision } from '@/server/domain/zones/zone-types';
import { decisionTone } from './zone-format';

export function DecisionPill({ decision }: { decision: RequestDecision }) {
  return (
    <span className={`zone-pill tone-${decisionTone(decision)}`} data-testid="zone-decision" data-decision={decision}>
      {decision}
    </span>
  );
}
