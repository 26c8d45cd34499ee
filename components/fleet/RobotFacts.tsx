'use client';
// The fields of one robot as a definition list; used by the side panel and the detail page.
import { robotStatus, STALE_AFTER_MS, type RobotView } from '@/server/domain/robot';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { serverNow } from '@/components/realtime/pose-store';
import { formatAgo, formatBattery, formatPose } from './robot-format';
import { StatusBadge } from './StatusBadge';

export function RobotFacts({ robot }: { robot: RobotView }) {
  // In replay, "stale" and "last seen" are judged at the moment shown.
  const replayAt = useFleetStore((s) => s.replayAt);
  const now = replayAt ?? serverNow();
  const stale = robot.lastSeenAt === null || now - robot.lastSeenAt > STALE_AFTER_MS;
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={robotStatus(robot)} stale={stale} />
      </dd>
      <dt>Serial number</dt>
      <dd data-testid="robot-serial">{robot.serialNumber}</dd>
      <dt>Manufacturer</dt>
      <dd>{robot.manufacturer}</dd>
      <dt>Pose</dt>
      <dd data-testid="robot-pose" className="mono">
        {formatPose(robot)}
      </dd>
      <dt>Speed</dt>
      <dd className="mono">{robot.speed.toFixed(2)} m/s</dd>
      <dt>Battery</dt>
      <dd className="mono">
        {formatBattery(robot.battery)}
        {robot.charging ? ' (charging)' : ''}
      </dd>
      <dt>Mode</dt>
      <dd>{robot.operatingMode ?? '—'}</dd>
      <dt>Connection</dt>
      <dd data-testid="robot-connection">{robot.connection}</dd>
      <dt>Last seen</dt>
      <dd>{formatAgo(robot.lastSeenAt, now)}</dd>
      <dt>Order</dt>
      <dd className="mono">{robot.orderId ?? '—'}</dd>
      <dt>Errors</dt>
      <dd>
        {robot.errors.length === 0 ? (
          'none'
        ) : (
          <ul className="errors">
            {robot.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a VDA 5050 error has no id and the same type may repeat; the list is replaced whole with each state and its items hold no state
              <li key={`${e.errorType}-${i}`} className={e.errorLevel === 'FATAL' ? 'fatal' : 'warning'}>
                <strong>{e.errorLevel}</strong> {e.errorType}
                {e.errorDescription ? `: ${e.errorDescription}` : ''}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
