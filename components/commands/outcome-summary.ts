// One line an operator can read for the final outcome of a command or a batch of them (pure).
import type { CommandStatus, CommandView } from '@/server/domain/commands/command';
import { STATUS_TEXT, statusTone, type Tone } from './command-format';

export interface OutcomeSummary {
  tone: Tone;
  title: string;
  detail: string | null;
}

const MAX_DETAILS = 3;

export function summariseOutcome(label: string, commands: readonly CommandView[], robotName: (id: number) => string): OutcomeSummary {
  if (commands.length === 1) {
    const c = commands[0]!;
    // Expired means never sent (the robot was offline or silent until the TTL ran out): say that plainly.
    const status = c.status === 'expired' ? 'expired unsent' : STATUS_TEXT[c.status];
    return { tone: statusTone(c.status), title: `${label} · ${robotName(c.robotId)}: ${status}`, detail: c.outcome };
  }
  const counts = new Map<CommandStatus, number>();
  for (const c of commands) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  // Successes first, then the rest in a stable order.
  const parts = [...counts.entries()]
    .sort(([a], [b]) => (a === 'succeeded' ? -1 : b === 'succeeded' ? 1 : a.localeCompare(b)))
    .map(([s, n]) => `${n} ${STATUS_TEXT[s]}`);
  const problems = commands.filter((c) => c.status !== 'succeeded');
  const tones = new Set(commands.map((c) => statusTone(c.status)));
  const tone: Tone = tones.has('bad') ? 'bad' : tones.has('warn') ? 'warn' : 'ok';
  const detail = problems.length
    ? problems
        .slice(0, MAX_DETAILS)
        .map((c) => `${robotName(c.robotId)}: ${c.outcome ?? STATUS_TEXT[c.status]}`)
        .join('; ') + (problems.length > MAX_DETAILS ? ` (+${problems.length - MAX_DETAILS} more)` : '')
    : null;
  return { tone, title: `${label} · ${commands.length} robots: ${parts.join(', ')}`, detail };
}
