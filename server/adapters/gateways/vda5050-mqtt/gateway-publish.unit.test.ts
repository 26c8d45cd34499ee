import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../bus/in-process';
import { GatewayNotConnectedError } from '../../../domain/vda5050/command-errors';
import type { Logger } from '../../../ports/logger';
import type { RobotRegistry } from '../../../services/robot-registry';
import { createSchemaValidator } from '../../../protocol/schema-validator';
import { createVda5050Gateway } from './gateway';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };

describe('gateway publish (the commander sends through the port, never through the MQTT client)', () => {
  it('refuses a command with GatewayNotConnectedError before the gateway has started', () => {
    const gateway = createVda5050Gateway({
      brokerUrl: 'mqtt://127.0.0.1:1',
      iface: 'uagv',
      bus: createInProcessBus(),
      registry: {} as RobotRegistry,
      validator: createSchemaValidator(),
      clock: { now: () => 0 },
      logger: silent,
    });
    expect(() => gateway.publish(7, 'uagv/v2/Acme/R1/instantActions', '{}')).toThrow(GatewayNotConnectedError);
    expect('client' in gateway).toBe(false);
  });
});
