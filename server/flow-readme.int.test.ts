// The data-flow diagram in docs/architecture.md is the live topology of a running app (real broker, database and a viewer):
// every edge the app has is drawn, and nothing is drawn that the app does not have. On a mismatch the test
// prints the block to paste between the markers there.
import { connectAs } from './testing/sign-in';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { diagramEdges, readmeDiagramEdges, README_MARKERS, topologyMermaid } from './domain/flow/topology-diagram';
import type { ClientToServerEvents, ServerToClientEvents } from './domain/live-protocol';
import { testConfig, testLogger, waitFor } from './testing/test-env';

let app: App;
let cleanup: () => Promise<void>;
let server: http.Server;
let viewer: Socket<ServerToClientEvents, ClientToServerEvents>;

beforeAll(async () => {
  const t = await testConfig({ SIM_ROBOTS: '2', SIM_HZ: '5' });
  cleanup = t.cleanup;
  server = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'] });
  app = await createApp(t.config, { logger: testLogger, io });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  viewer = await connectAs(app, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
});

afterAll(async () => {
  viewer?.close();
  await app?.stop();
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

describe('docs/architecture.md data-flow diagram', () => {
  it('matches the topology of the running app', async () => {
    await app.sim!.ready;
    await waitFor('robots in the graph', () => app.runtime.flow!.graph().nodes.some((n) => n.id.startsWith('robots:')), 10_000);
    // The stages of one process; with BUS_URL set the graph also draws the cluster's nodes and NATS (not in the diagram).
    const live = app.runtime.flow!.graph().edges.filter((e) => !e.source.startsWith('node:') && !e.target.startsWith('node:'));
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../docs/architecture.md'), 'utf8');
    const drawn = readmeDiagramEdges(readme);
    const hint = `\nPaste this into docs/architecture.md between the markers:\n${README_MARKERS.start}\n${topologyMermaid(live)}\n${README_MARKERS.end}\n`;
    expect(drawn, hint).not.toBeNull();
    expect(drawn, hint).toEqual(diagramEdges(live));
  });
});
