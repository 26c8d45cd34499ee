// The broker dies (SIGKILL, a Mosquitto of the test's own) right after the robot executed an instant action and
// before its report went out (issue 12, chaos broker-kill). The outage lasts longer than the whole resend budget.
// While the broker is down the commander must not spend its sends (they reach no one); once it is back, a resend
// reaches the robot, the robot answers the repeat with its state (the action FINISHED), and the command succeeds.
// On the old schedule the budget ran out during the outage and the executed action ended `timed_out`.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import { canRunPrivateMosquitto, startPrivateMosquitto, type PrivateMosquitto } from '../../../testing/private-services';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';

let app: App | null = null;
let robot: MqttClient | null = null;
let mosquitto: PrivateMosquitto | null = null;
let cleanup: (() => Promise<void>) | null = null;

afterAll(async () => {
  await robot?.endAsync(true);
  await app?.stop();
  await mosquitto?.destroy();
  await cleanup?.();
});

const M = 'Outage Robotics';
const S = 'OR-1';
/** 4 sends over 1.1 s: the 3 s outage is far longer. */
const RETRY = { attempts: 4, firstDelayMs: 100, factor: 2, maxDelayMs: 400 };

it.runIf(canRunPrivateMosquitto)(
  'an instant action executed just before the broker died ends succeeded after the broker is back',
  async () => {
    mosquitto = await startPrivateMosquitto();
    const t = await testConfig({ MQTT_URL: mosquitto.url });
    cleanup = t.cleanup;
    const topic = (name: string) => `${t.config.VDA_INTERFACE}/v2/${M}/${S}/${name}`;
    let headerId = 1;
    const header = () => ({
      headerId: headerId++,
      timestamp: new Date().toISOString(),
      version: '2.0.0',
      manufacturer: M,
      serialNumber: S,
    });
    const actionStates = new Map<string, { actionId: string; actionType: string; actionStatus: string }>();
    const state = () =>
      JSON.stringify({
        ...header(),
        orderId: '',
        orderUpdateId: 0,
        lastNodeId: '',
        lastNodeSequenceId: 0,
        nodeStates: [],
        edgeStates: [],
        driving: false,
        paused: false,
        operatingMode: 'AUTOMATIC',
        actionStates: [...actionStates.values()],
        batteryState: { batteryCharge: 80, charging: false },
        errors: [],
        safetyState: { eStop: 'NONE', fieldViolation: false },
      });

    app = await createApp(t.config, { logger: testLogger, protocol: { retry: RETRY } });
    // The robot reconnects faster than the app (100 ms against 1 s), so the app's first resend after the outage can
    // reach it; it resubscribes on every connection (clean session).
    robot = await mqtt.connectAsync(mosquitto.url, { clientId: `outage-robot-${Date.now()}`, reconnectPeriod: 100 });
    robot.on('connect', () => void robot?.subscribeAsync(topic('instantActions'), { qos: 0 }).catch(() => undefined));
    await robot.subscribeAsync(topic('instantActions'), { qos: 0 });
    const received: string[] = [];
    let executed = 0;
    let killed: Promise<boolean> | null = null;
    robot.on('message', (_tp, payload) => {
      const { actions } = JSON.parse(payload.toString()) as { actions: { actionId: string; actionType: string }[] };
      for (const a of actions) {
        if (a.actionType !== 'stateRequest') continue; // the app's factsheetRequest on first contact
        received.push(a.actionId);
        if (actionStates.has(a.actionId)) continue;
        // Executed at once; the report would go out now, but the broker dies first.
        actionStates.set(a.actionId, { actionId: a.actionId, actionType: a.actionType, actionStatus: 'FINISHED' });
        executed++;
        killed = mosquitto!.kill().then(() => true);
        return;
      }
      // A repeat: ignored, answered with the current state (which carries the action's status).
      void robot?.publishAsync(topic('state'), state(), { qos: 0 }).catch(() => undefined);
    });
    await robot.publishAsync(topic('connection'), JSON.stringify({ ...header(), connectionState: 'ONLINE' }), { qos: 1, retain: true });
    await robot.publishAsync(topic('state'), state(), { qos: 1 });
    const view = await waitFor('robot online', () =>
      app!.runtime.fleet.list().find((r) => r.serialNumber === S && r.connection === 'ONLINE'),
    );

    const issued = await app.commands.issue({ robotId: view.id, type: 'stateRequest' }, { name: 'broker-kill-test' });
    await waitFor('the robot executed it and the broker is dead', () => killed);
    await waitFor('the app saw the broker go', () => !app!.gateway.health().connected);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await app.commands.byId(issued.id)).command.status, 'still waiting for the robot').toBe('dispatched');

    await mosquitto.start();
    const done = await waitFor(
      'stateRequest final',
      async () => {
        const { command } = await app!.commands.byId(issued.id);
        return ['succeeded', 'failed', 'timed_out', 'cancelled'].includes(command.status) ? command : null;
      },
      15_000,
      50,
    );
    expect(done.status, String(done.outcome)).toBe('succeeded');
    expect(executed).toBe(1);
    expect(done.attempts).toBeLessThanOrEqual(RETRY.attempts);
    expect(received.filter((id) => id === issued.actionId).length).toBeGreaterThanOrEqual(2); // the first send and a resend after the outage
  },
  60_000,
);
