// The command being prepared in this tab: waiting for a go-to/position target or for confirmation, plus
// which robots have a request in flight (their buttons are disabled meanwhile), the palette's state and the
// cancel confirmation.
import { create } from 'zustand';
import { DISRUPTIVE_TYPES, type CommandType } from '@/server/domain/commands/command';

export interface CommandRequest {
  type: CommandType;
  robotIds: number[];
  params?: Record<string, unknown>;
  /** How the target reads in confirmations and toasts ("Dock 3"). */
  targetLabel?: string;
  /** Sent to every robot of the fleet (resume all): the confirmation says so. */
  fleetWide?: boolean;
}

/** A cancel waiting for the operator's confirmation; `answer` settles the caller's promise. */
export interface CancelAsk {
  commandId: string;
  answer(confirmed: boolean): void;
}

export type PendingCommand = CommandRequest & { step: 'target' | 'confirm' };

interface CommandFlowState {
  pending: PendingCommand | null;
  /** Waiting for the operator to click a map node in the 3D view. */
  picking: boolean;
  /** Set while a 3D view that can pick targets is mounted. */
  mapPickAvailable: boolean;
  /** The map node under the pointer while picking, as it reads ("Dock 3"). */
  pickHover: string | null;
  /** Robot id → number of commands.issue calls in flight. */
  inFlight: Record<number, number>;
  paletteOpen: boolean;
  /** The stop-all confirmation is open (from the shell button or the palette). */
  stopAllOpen: boolean;
  cancelAsk: CancelAsk | null;
}

export const useCommandFlow = create<CommandFlowState>()(() => ({
  pending: null,
  picking: false,
  mapPickAvailable: false,
  pickHover: null,
  inFlight: {},
  paletteOpen: false,
  stopAllOpen: false,
  cancelAsk: null,
}));

/** Commands that need a map node before they can be sent. */
export const needsTarget = (t: CommandType): boolean => t === 'goTo' || t === 'initPosition';
export const isDisruptive = (t: CommandType): boolean => DISRUPTIVE_TYPES.includes(t);

/** The first step a command needs, or null when it can be sent right away (a robot that cannot hear it now, or
 * a command to the whole fleet, is always confirmed first, so the confirmation can say so). */
export function firstStep(t: CommandType, mustConfirm = false): PendingCommand['step'] | null {
  return needsTarget(t) ? 'target' : isDisruptive(t) || mustConfirm ? 'confirm' : null;
}

export function openFlow(p: PendingCommand): void {
  useCommandFlow.setState({ pending: p, picking: false, paletteOpen: false });
}

export function closeFlow(): void {
  useCommandFlow.setState({ pending: null, picking: false });
}

/** A target was chosen (from the list or the map): confirm next if the command is disruptive. */
export function chooseTarget(params: Record<string, unknown>, targetLabel: string): PendingCommand | null {
  const p = useCommandFlow.getState().pending;
  if (!p) return null;
  const next: PendingCommand = { ...p, params, targetLabel, step: 'confirm' };
  useCommandFlow.setState({ pending: next, picking: false, pickHover: null });
  return next;
}

export function setPicking(on: boolean): void {
  useCommandFlow.setState({ picking: on, pickHover: null });
}

export function markInFlight(robotIds: readonly number[], delta: 1 | -1): void {
  useCommandFlow.setState((s) => {
    const inFlight = { ...s.inFlight };
    for (const id of robotIds) {
      const n = (inFlight[id] ?? 0) + delta;
      if (n > 0) inFlight[id] = n;
      else delete inFlight[id];
    }
    return { inFlight };
  });
}

export function setPaletteOpen(open: boolean): void {
  useCommandFlow.setState({ paletteOpen: open });
}

export function setStopAllOpen(open: boolean): void {
  useCommandFlow.setState({ stopAllOpen: open, paletteOpen: false });
}

/** Asks the operator to confirm cancelling a command; resolves false if they decline (or another ask replaces it). */
export function askToCancel(commandId: string): Promise<boolean> {
  useCommandFlow.getState().cancelAsk?.answer(false);
  return new Promise((resolve) => {
    const ask: CancelAsk = {
      commandId,
      answer: (confirmed) => {
        if (useCommandFlow.getState().cancelAsk === ask) useCommandFlow.setState({ cancelAsk: null });
        resolve(confirmed);
      },
    };
    useCommandFlow.setState({ cancelAsk: ask });
  });
}
