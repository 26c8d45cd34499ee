// Socket.IO across web nodes (REDIS_URL): the Redis Streams adapter, and connection state recovery on top of it
// (a viewer whose connection drops for up to two minutes gets its socket id, rooms and data back, on any node).
// What crosses nodes: emits and disconnects by room that are meant for every node's sockets (ending a revoked
// session, socket-auth.ts). What stays on its node: each node's own live state (fleet frames, the flow graph, the
// alert and command feeds), emitted with `io.local`, since every web node has its own state fed by the bus; through
// the adapter each viewer would get every node's frames.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { RedisClient } from '../redis/redis-connection';

/** A recovered connection must still pass the handshake checks (session, origin): middlewares are not skipped. */
export const RECOVERY: NonNullable<ServerOptions['connectionStateRecovery']> = {
  maxDisconnectionDuration: 2 * 60_000,
  skipMiddlewares: false,
};

/** Socket.IO server options that make it one of a cluster sharing `client`'s Redis (names under `prefix`). */
export function redisSocketOptions(client: RedisClient, prefix: string): Pick<ServerOptions, 'adapter' | 'connectionStateRecovery'> {
  return {
    adapter: createAdapter(client, {
      streamName: `${prefix}socket.io`,
      channelPrefix: `${prefix}socket.io`,
      sessionKeyPrefix: `${prefix}socket.io:session:`,
      // Only room-wide control messages cross nodes; the stream is trimmed near this many entries.
      maxLen: 10_000,
    }) as unknown as ServerOptions['adapter'],
    connectionStateRecovery: RECOVERY,
  };
}
