'use client';
// The command section of the robot side panel: buttons and the robot's recent commands.
import { CommandButtons } from './CommandButtons';
import { RecentCommands } from './RecentCommands';
import './commands.css';

export function RobotCommands({ robotId }: { robotId: number }) {
  return (
    <section className="panel-section robot-commands" aria-label="Commands" data-testid="robot-commands">
      <h2>Commands</h2>
      <CommandButtons robotIds={[robotId]} />
      <RecentCommands robotId={robotId} />
    </section>
  );
}
