// Where the command ledger hands work: the dispatcher (server/workers/command-dispatcher.ts) sends queued commands
// on its own tick; the ledger asks for a pass at once when it queues one, so a command does not wait for the tick.

export interface CommandDispatch {
  /** Runs a dispatch pass now (joins the one in progress); resolves when it is done. */
  pump(): Promise<void>;
}
