'use client';
import { useFleetStore } from '@/components/realtime/fleet-store';

const LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

export function ConnectionIndicator() {
  const connection = useFleetStore((s) => s.connection);
  return (
    <span className={`conn conn-${connection}`} data-testid="connection-status" data-state={connection} role="status">
      <span className="dot" />
      {LABEL[connection]}
    </span>
  );
}
