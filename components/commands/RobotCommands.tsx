'use client';
// The command section of the robot side panel: buttons (roles that may command) and the robot's recent commands.
import { useCan } from '@/components/auth/use-me';
import { CommandButtons } from './CommandButtons';
import { RecentCommands } from './RecentCommands';
import './commands.css';

export function RobotCommands({ robotId }: { robotId: number }) {
  const canCommand = useCan('command');
  return (
    <section className="panel-section robot-commands" aria-label="Commands" data-testid="robot-commands">
      <h2>Commands</h2>
      {canCommand ? <CommandButtons robotIds={[robotId]} /> : null}
      <RecentCommands robotId={robotId} />
    </section>
  );
}
