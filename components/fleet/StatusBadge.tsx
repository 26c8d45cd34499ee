import type { RobotStatus } from '@/server/domain/robot';
import { STATUS_COLOR, STATUS_LABEL } from './status-palette';

export function StatusBadge({ status, stale = false }: { status: RobotStatus; stale?: boolean }) {
  return (
    <span className={stale ? 'badge badge-stale' : 'badge'} data-status={status}>
      <span className="dot" style={{ background: STATUS_COLOR[status] }} />
      {STATUS_LABEL[status]}
      {stale ? ' · stale' : ''}
    </span>
  );
}
