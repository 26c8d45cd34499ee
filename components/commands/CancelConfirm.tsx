'use client';
// The confirmation before a command is cancelled (cancelCommand asks through the flow store, so every cancel
// button, wherever it lives, gets it): which command on which robot, and what cancelling it will do.
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useTRPC } from '@/components/trpc/trpc-context';
import { cancelEffect } from './cancel-effect';
import { COMMAND_NAME, paramsSummary, STATUS_TEXT } from './command-format';
import type { CancelAsk } from './command-flow-store';
import { robotName } from './command-outcomes';
import { useCommandStore } from './command-store';

export function CancelConfirm({ ask }: { ask: CancelAsk }) {
  const trpc = useTRPC();
  const live = useCommandStore((s) => s.byId[ask.commandId]);
  const loaded = useQuery({ ...trpc.commands.byId.queryOptions({ id: ask.commandId }), enabled: !live });
  const c = live ?? loaded.data?.command;
  const what = c ? `${COMMAND_NAME[c.type]} ${paramsSummary(c.type, c.params)}`.trim() : 'this command';
  return (
    <ConfirmDialog
      title={c ? `Cancel ${what} · ${robotName(c.robotId)}?` : 'Cancel this command?'}
      confirmLabel="Cancel the command"
      onConfirm={() => ask.answer(true)}
      onCancel={() => ask.answer(false)}
    >
      {c ? <p className="muted">Now {STATUS_TEXT[c.status]}.</p> : null}
      <p data-testid="cancel-effect">{cancelEffect(c)}</p>
    </ConfirmDialog>
  );
}
