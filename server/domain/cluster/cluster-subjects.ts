// Bus subjects by which the processes of one site keep per-process copies in step (with the in-process bus there
// is one process, and each announcement only comes back to its sender, which ignores it).

export const CLUSTER_SUBJECTS = {
  /** Robot MQTT credentials changed: every embedded broker reloads its accounts. */
  credentials: 'cluster.credentials',
  /** Each process announces itself (services/cluster/node-registry.ts): a live subject, nothing stored. */
  nodes: 'cluster.nodes',
} as const;

/** Who announced a change (NODE_ID): a process does not act on its own announcements twice. */
export interface ClusterNotice {
  node: string;
}

export function isClusterNotice(v: unknown): v is ClusterNotice {
  return typeof v === 'object' && v !== null && typeof (v as { node?: unknown }).node === 'string';
}
