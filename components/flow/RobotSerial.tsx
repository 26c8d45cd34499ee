'use client';
// A robot's serial number from the live fleet store (every page has it), "robot <id>" for one the fleet no longer
// knows. Traces carry the robot's id; people know robots by serial.
import { useFleetStore } from '@/components/realtime/fleet-store';

export function useRobotSerial(robotId: number | null): string | null {
  return useFleetStore((s) => (robotId === null ? null : (s.robots[robotId]?.serialNumber ?? null)));
}

export function RobotSerial({ robotId }: { robotId: number | null }) {
  const serial = useRobotSerial(robotId);
  if (robotId === null) return <span className="muted">—</span>;
  return (
    <span className="mono" title={`robot id ${robotId}`} data-testid="trace-robot">
      {serial ?? `robot ${robotId}`}
    </span>
  );
}
