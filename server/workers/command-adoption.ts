// In a cluster every process dispatches the commands recorded on it (commands.node). When a process is gone (absent
// from the node registry at two looks in a row, i.e. silent for at least the registry's limit plus one look), the
// leader adopts its open commands: a compare-and-set on `node`, so two adopters cannot both take one, then the
// dispatcher's adopt(): in-flight ones are resent with their ids (a robot ignores a repeat: executed once) and each
// is reconciled with its robot's state. Commands naming no process (recorded before the column existed) are adopted
// at the first look.
import type { CommandRecord } from '../../db/queries/commands';
import type { Logger } from '../ports/logger';

export interface CommandAdoptionDeps {
  self: string;
  /** The processes alive now (the node registry, this one included). */
  liveNodes: () => readonly string[];
  /** Open commands of processes not in `live`, with the process each names. */
  orphans: (live: readonly string[]) => Promise<{ node: string | null; command: CommandRecord }[]>;
  /** Compare-and-set: the commands of `ids` still named for `from` become this process's; returns those. */
  adopt: (ids: readonly string[], from: string | null, to: string) => Promise<CommandRecord[]>;
  /** Hands the adopted commands to this process's dispatcher. */
  onAdopted: (commands: CommandRecord[]) => void;
  logger: Logger;
  everyMs?: number;
}

export function createCommandAdoption(deps: CommandAdoptionDeps) {
  const log = deps.logger.child({ component: 'command-adoption' });
  /** Processes seen absent (with open commands) at the previous look. */
  let absentBefore = new Set<string>();
  let adopted = 0;
  let lastError: string | null = null;
  let running: Promise<void> | null = null;

  const look = async () => {
    const live = deps.liveNodes();
    const found = await deps.orphans(live);
    const byNode = new Map<string | null, string[]>();
    for (const o of found) byNode.set(o.node, [...(byNode.get(o.node) ?? []), o.command.id]);
    const absentNow = new Set<string>();
    for (const [node, ids] of byNode) {
      if (node !== null && !absentBefore.has(node)) {
        absentNow.add(node);
        continue;
      }
      const taken = await deps.adopt(ids, node, deps.self);
      if (taken.length === 0) continue;
      adopted += taken.length;
      log.warn({ from: node, commands: taken.length }, 'process gone: adopting its open commands');
      deps.onAdopted(taken);
    }
    absentBefore = absentNow;
  };

  const tick = () => {
    running ??= look()
      .then(() => void (lastError = null))
      .catch((err: unknown) => {
        lastError = (err as Error).message;
        log.warn({ err: lastError }, 'looking for orphaned commands failed; trying again');
      })
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, deps.everyMs ?? 2000);
  timer.unref();
  tick();

  return {
    stats: () => ({ adopted, lastError }),
    /** One look now (tests). */
    look,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
