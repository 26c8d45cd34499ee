// Display helpers for robot fields (pure, shared by the list, the panel and the detail page).
import type { RobotView } from '@/server/domain/robot';

export function formatPose(r: Pick<RobotView, 'pose'>): string {
  if (!r.pose) return 'unknown';
  const deg = ((r.pose.theta * 180) / Math.PI).toFixed(0);
  return `x ${r.pose.x.toFixed(2)} m, y ${r.pose.y.toFixed(2)} m, ${deg}°`;
}

export function formatBattery(b: number | null): string {
  return b === null ? '—' : `${Math.round(b)} %`;
}

export function formatAgo(epochMs: number | null, now: number): string {
  if (epochMs === null) return 'never';
  const s = Math.max(0, (now - epochMs) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s.toFixed(0)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return new Date(epochMs).toLocaleString();
}

export function matchesSearch(r: Pick<RobotView, 'serialNumber' | 'name'>, q: string): boolean {
  if (!q) return true;
  const needle = q.trim().toLowerCase();
  return r.serialNumber.toLowerCase().includes(needle) || r.name.toLowerCase().includes(needle);
}
