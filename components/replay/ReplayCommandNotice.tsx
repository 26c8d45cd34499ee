'use client';
// In place of the command buttons while replaying: commands act on the robots now, not on the moment shown.
import { useFleetStore } from '@/components/realtime/fleet-store';
import { formatMoment } from './replay-time';

export function ReplayCommandNotice({ className = 'panel-section' }: { className?: string }) {
  const at = useFleetStore((s) => s.replayAt);
  if (at === null) return null;
  return (
    <section className={`${className} replay-command-notice`} data-testid="replay-commands-disabled">
      <p>
        <strong>Commands are off in replay.</strong> This panel shows the robot at {formatMoment(at)}; a command would act on it now. Go
        back to live (L) to send one.
      </p>
    </section>
  );
}
