'use client';
// Fault kind, its parameter, and Inject; a disruptive fault (die, disconnect, emergency stop) needs a second,
// explicit Confirm, shown inline so it works with the keyboard and in tests without a browser dialog.
import { useId, useState } from 'react';
import type { Fault, FaultKind } from '@/server/domain/faults';
import { buildFault, faultKindInfo, type FaultKindInfo } from './fault-kinds';

interface Props {
  serialNumber: string;
  kinds: readonly FaultKindInfo[];
  busy: boolean;
  onInject(fault: Fault): void;
}

export function FaultForm({ serialNumber, kinds, busy, onInject }: Props) {
  const id = useId();
  const [kind, setKind] = useState<FaultKind>('malformed');
  const [share, setShare] = useState(1);
  const [ms, setMs] = useState(500);
  const [confirming, setConfirming] = useState(false);
  const info = faultKindInfo(kind);
  const shareOk = share >= 0 && share <= 1;
  const msOk = Number.isInteger(ms) && ms >= 0 && ms <= 10_000;
  const valid = info.param === 'share' ? shareOk : info.param === 'ms' ? msOk : true;

  const submit = () => {
    if (!valid) return;
    if (info.disruptive && !confirming) return setConfirming(true);
    setConfirming(false);
    onInject(buildFault(kind, share, ms));
  };

  return (
    <form
      className="fault-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-kind`}>Fault</label>
      <select
        id={`${id}-kind`}
        data-testid="fault-kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as FaultKind);
          setConfirming(false);
        }}
      >
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {info.param === 'share' ? (
        <>
          <label htmlFor={`${id}-share`}>Share (0–1)</label>
          <input
            id={`${id}-share`}
            data-testid="fault-share"
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={share}
            aria-invalid={!shareOk}
            onChange={(e) => setShare(e.target.valueAsNumber)}
          />
        </>
      ) : null}
      {info.param === 'ms' ? (
        <>
          <label htmlFor={`${id}-ms`}>Delay (ms, ≤ 10000)</label>
          <input
            id={`${id}-ms`}
            data-testid="fault-ms"
            type="number"
            min={0}
            max={10_000}
            step={100}
            value={ms}
            aria-invalid={!msOk}
            onChange={(e) => setMs(e.target.valueAsNumber)}
          />
        </>
      ) : null}
      <p className="muted fault-effect">It {info.effect}.</p>
      {confirming ? (
        <div className="fault-confirm" role="alertdialog" aria-label={`Confirm ${info.label}`}>
          <p>
            {info.label} {serialNumber}? It {info.effect}.
          </p>
          <button
            type="submit"
            className="small-button danger"
            data-testid="fault-confirm"
            disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: the confirmation replaces the Inject button the user just pressed, so focus moves onto its Confirm
            autoFocus
          >
            Confirm {info.label.toLowerCase()}
          </button>
          <button type="button" className="small-button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="submit"
          className={info.disruptive ? 'small-button danger' : 'small-button'}
          data-testid="fault-inject"
          disabled={busy || !valid}
        >
          Inject
        </button>
      )}
    </form>
  );
}
