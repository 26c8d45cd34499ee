'use client';
// "Fault injection" for one robot, shown only when this app simulates it (sim.faults lists it). QA picks a fault,
// sets its parameter and injects it; disruptive faults ask for confirmation first. Active faults can be cleared.
// Only for roles that may inject faults (operator, architect, admin).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Fault, FaultKind } from '@/server/domain/faults';
import { useCan } from '@/components/auth/use-me';
import { useTRPC } from '@/components/trpc/trpc-context';
import { describeFault, FAULT_KINDS, faultKindInfo } from './fault-kinds';
import { FaultForm } from './FaultForm';

interface Props {
  robotId: number;
  serialNumber: string;
  className?: string;
}

export function FaultInjection({ robotId, serialNumber, className }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canInject = useCan('injectFaults');
  // Polled slowly: another tab or a test may inject too.
  const faults = useQuery({ ...trpc.sim.faults.queryOptions({ robotId }), refetchInterval: 5_000, staleTime: 0, enabled: canInject });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sim.faults.queryKey() });
  const inject = useMutation(trpc.sim.injectFault.mutationOptions({ onSettled: refresh }));
  const clear = useMutation(trpc.sim.clearFault.mutationOptions({ onSettled: refresh }));
  const [notice, setNotice] = useState<string | null>(null);

  const simulated = faults.data?.robots.find((r) => r.robotId === robotId);
  if (!canInject || !simulated) return null;
  const active: Fault[] = simulated.faults;
  const error = inject.error ?? clear.error;
  const busy = inject.isPending || clear.isPending;

  const onInject = (fault: Fault) => {
    setNotice(null);
    inject.mutate({ robotId, fault }, { onSuccess: () => setNotice(`Injected: ${describeFault(fault)}`) });
  };
  const onClear = (kind?: FaultKind) => {
    setNotice(null);
    clear.mutate(
      { robotId, kind },
      { onSuccess: (r) => setNotice(r.cleared.length === 0 ? 'Nothing to clear' : `Cleared: ${r.cleared.map(describeFault).join(', ')}`) },
    );
  };

  return (
    <section className={`fault-injection ${className ?? ''}`} data-testid="fault-injection" aria-label="Fault injection">
      <h2>
        Fault injection <span className="muted">(simulated robot)</span>
      </h2>
      <FaultForm serialNumber={serialNumber} kinds={FAULT_KINDS} busy={busy} onInject={onInject} />
      <div className="fault-active">
        <h3>Active faults</h3>
        {active.length === 0 ? (
          <p className="muted">None: the robot behaves normally.</p>
        ) : (
          <ul>
            {active.map((f) => (
              <li key={f.kind} data-testid="fault-active" data-kind={f.kind}>
                <span className={faultKindInfo(f.kind).disruptive ? 'bad' : 'warn'}>{describeFault(f)}</span>
                <button
                  type="button"
                  className="small-button"
                  disabled={busy}
                  onClick={() => onClear(f.kind)}
                  aria-label={`Clear ${faultKindInfo(f.kind).label}`}
                >
                  Clear
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="small-button"
          data-testid="fault-clear-all"
          disabled={busy || active.length === 0}
          onClick={() => onClear()}
        >
          Clear all faults
        </button>
      </div>
      {error ? (
        <p role="alert" className="bad">
          {error.message}
        </p>
      ) : notice ? (
        <p role="status" className="muted">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
