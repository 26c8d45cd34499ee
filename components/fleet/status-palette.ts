// One colour per display status, shared by the 3D scene, the list and the legend.
import type { RobotStatus } from '@/server/domain/robot';

export const STATUS_ORDER: readonly RobotStatus[] = ['driving', 'idle', 'paused', 'charging', 'error', 'offline'];

export const STATUS_COLOR: Record<RobotStatus, string> = {
  driving: '#3fb6ff',
  idle: '#9aa7b8',
  paused: '#f5b83d',
  charging: '#46d37e',
  error: '#ff5a5f',
  offline: '#5d6673',
};

export const STATUS_LABEL: Record<RobotStatus, string> = {
  driving: 'Driving',
  idle: 'Idle',
  paused: 'Paused',
  charging: 'Charging',
  error: 'Error',
  offline: 'Offline',
};

/** Colour a robot fades to when it has not been heard from for STALE_AFTER_MS. */
export const STALE_COLOR = '#3a414c';
