// Nothing may throw out of the gateway's message handler: mqtt.js calls it inside its packet stream, where an
// exception stalled the client until a keepalive timeout (issue 12, chaos mqtt-fuzz). An unexpected error is
// counted in health (degraded for a while), logged, and the next message is handled as usual.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../domain/envelope';
import { stateMessage } from '../../../domain/testing/fixtures';
import { SUBJECTS } from '../../../domain/telemetry';
import type { Logger } from '../../../ports/logger';
import { createSchemaValidator } from '../../../protocol/schema-validator';
import type { RobotRegistry } from '../../../services/robot-registry';
import { createInProcessBus } from '../../bus/in-process';
import { createVda5050Gateway } from './gateway';

describe('the gateway message handler', () => {
  it('catches an unexpected error, counts and logs it, and handles the next message', async () => {
    const errors: unknown[][] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (...a: unknown[]) => void errors.push(a),
      child: () => logger,
    };
    const now = 1_000_000;
    const bus = createInProcessBus();
    const seen: Envelope[] = [];
    bus.subscribe(SUBJECTS.state, (e) => void seen.push(e), { name: 'test' });
    let broken = true;
    const registry = {
      resolve: () => {
        if (broken) throw new RangeError('Maximum call stack size exceeded');
        return 7;
      },
    } as unknown as RobotRegistry;
    const gateway = createVda5050Gateway({
      brokerUrl: 'mqtt://127.0.0.1:1',
      iface: 'uagv',
      bus,
      registry,
      validator: createSchemaValidator(),
      clock: { now: () => now },
      logger,
    });
    const msg = (headerId: number) => Buffer.from(JSON.stringify(stateMessage({ headerId, manufacturer: 'Acme', serialNumber: 'R1' })));
    expect(() => gateway.receive('uagv/v2/Acme/R1/state', msg(1), {})).not.toThrow();
    expect(gateway.health()).toMatchObject({
      handlerErrors: 1,
      accepted: 0,
      lastError: 'message handler failed: Maximum call stack size exceeded',
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toMatchObject({ err: 'Maximum call stack size exceeded', topic: 'uagv/v2/Acme/R1/state', count: 1 });

    broken = false;
    gateway.receive('uagv/v2/Acme/R1/state', msg(2), {});
    expect(gateway.health()).toMatchObject({ handlerErrors: 1, accepted: 1 });
    await new Promise((r) => setImmediate(r));
    expect(seen.map((e) => (e.payload as { robotId: number }).robotId)).toEqual([7]);
  });

  it('counts empty payloads (retained messages cleared) as ignored: every message received is accounted for', () => {
    const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };
    const gateway = createVda5050Gateway({
      brokerUrl: 'mqtt://127.0.0.1:1',
      iface: 'uagv',
      bus: createInProcessBus(),
      registry: { resolve: () => 7 } as unknown as RobotRegistry,
      validator: createSchemaValidator(),
      clock: { now: () => 0 },
      logger: silent,
    });
    gateway.receive('uagv/v2/Acme/R1/state', Buffer.alloc(0), { retain: true });
    gateway.receive('uagv/v2/Acme/R1/state', Buffer.alloc(0), {});
    gateway.receive('uagv/v2/Acme/R1/state', Buffer.from('nope'), {});
    expect(gateway.health()).toMatchObject({ received: 3, accepted: 0, invalid: 1, ignored: 2 });
  });
});
