import { describe, expect, it } from 'vitest';
import {
  createCredentialInput,
  grantOf,
  mayPublish,
  maySubscribe,
  publishRefusal,
  subscribeRefusal,
  updateCredentialInput,
  type MqttGrant,
} from './mqtt-acl';

const robot: MqttGrant = { kind: 'robot', iface: 'uagv', manufacturer: 'Acme', serialNumber: 'AMR-1' };
const acme: MqttGrant = { kind: 'robot', iface: 'uagv', manufacturer: 'Acme', serialNumber: null };
const master: MqttGrant = { kind: 'master' };
const t = (serial: string, topic: string, manufacturer = 'Acme') => `uagv/v2/${manufacturer}/${serial}/${topic}`;

describe('robot credential (one robot)', () => {
  it('publishes its own state, visualization, connection and factsheet', () => {
    for (const topic of ['state', 'visualization', 'connection', 'factsheet']) expect(mayPublish(robot, t('AMR-1', topic))).toBe(true);
  });
  it('subscribes to its own order and instantActions', () => {
    expect(maySubscribe(robot, t('AMR-1', 'order'))).toBe(true);
    expect(maySubscribe(robot, t('AMR-1', 'instantActions'))).toBe(true);
  });
  it("may not publish as another robot or another manufacturer's robot", () => {
    expect(publishRefusal(robot, t('AMR-2', 'state'))).toBe('another robot');
    expect(publishRefusal(robot, t('AMR-1', 'state', 'Globex'))).toBe('another manufacturer');
  });
  it("may not subscribe to another robot's commands", () => {
    expect(subscribeRefusal(robot, t('AMR-2', 'order'))).toBe('another robot');
    expect(subscribeRefusal(robot, t('AMR-1', 'order', 'Globex'))).toBe('another manufacturer');
  });
  it('may not publish commands nor subscribe to telemetry (the directions are fixed)', () => {
    expect(publishRefusal(robot, t('AMR-1', 'order'))).toBe('topic order is not allowed');
    expect(publishRefusal(robot, t('AMR-1', 'instantActions'))).toMatch(/not allowed/);
    expect(subscribeRefusal(robot, t('AMR-1', 'state'))).toBe('topic state is not allowed');
    expect(subscribeRefusal(robot, t('AMR-1', 'visualization'))).toMatch(/not allowed/);
  });
  it('refuses wrong topic names, other interfaces and versions, and malformed topics', () => {
    expect(mayPublish(robot, t('AMR-1', 'State'))).toBe(false);
    expect(mayPublish(robot, t('AMR-1', 'telemetry'))).toBe(false);
    expect(publishRefusal(robot, 'other/v2/Acme/AMR-1/state')).toMatch(/interface/);
    expect(publishRefusal(robot, 'uagv/v1/Acme/AMR-1/state')).toMatch(/version/);
    expect(publishRefusal(robot, 'uagv/v4/Acme/AMR-1/state')).toMatch(/version/);
    // VDA 5050 3.0 robots use v3, and subscribe to their zoneSet and responses there too (not on v2).
    expect(publishRefusal(robot, 'uagv/v3/Acme/AMR-1/state')).toBeNull();
    expect(subscribeRefusal(robot, 'uagv/v3/Acme/AMR-1/zoneSet')).toBeNull();
    expect(subscribeRefusal(robot, 'uagv/v3/Acme/AMR-1/responses')).toBeNull();
    expect(subscribeRefusal(robot, 'uagv/v2/Acme/AMR-1/zoneSet')).toMatch(/not allowed/);
    expect(publishRefusal(robot, 'uagv/v3/Acme/AMR-1/zoneSet')).toMatch(/not allowed/);
    expect(publishRefusal(robot, 'uagv/v2/Acme/AMR-1/state/extra')).toBe('not a VDA 5050 topic');
    expect(publishRefusal(robot, 'uagv/v2/Acme/AMR-1')).toBe('not a VDA 5050 topic');
    expect(publishRefusal(robot, 'uagv/v2/Acme//state')).toBe('not a VDA 5050 topic');
    expect(publishRefusal(robot, '$SYS/broker/state')).not.toBeNull();
    expect(subscribeRefusal(robot, '$share/g/uagv/v2/Acme/AMR-1/order')).not.toBeNull();
  });
  it('refuses every wildcard', () => {
    for (const f of [
      '#',
      'uagv/#',
      'uagv/v2/Acme/AMR-1/#',
      'uagv/v2/Acme/AMR-1/+',
      'uagv/+/Acme/AMR-1/order',
      'uagv/v2/+/AMR-1/order',
      'uagv/v2/Acme/+/order',
    ]) {
      expect(subscribeRefusal(robot, f), f).toBe('wildcards are not allowed');
    }
  });
});

describe('manufacturer-wide credential', () => {
  it('acts for any robot of its manufacturer', () => {
    expect(mayPublish(acme, t('AMR-1', 'state'))).toBe(true);
    expect(mayPublish(acme, t('ANY-99', 'visualization'))).toBe(true);
    expect(maySubscribe(acme, t('ANY-99', 'order'))).toBe(true);
  });
  it('but for no other manufacturer', () => {
    expect(publishRefusal(acme, t('AMR-1', 'state', 'Globex'))).toBe('another manufacturer');
    expect(subscribeRefusal(acme, t('AMR-1', 'order', 'Globex'))).toBe('another manufacturer');
  });
  it('subscribes to concrete topics only: no wildcard in the serial position (or anywhere)', () => {
    expect(subscribeRefusal(acme, 'uagv/v2/Acme/+/order')).toBe('wildcards are not allowed');
    expect(subscribeRefusal(acme, 'uagv/v2/Acme/#')).toBe('wildcards are not allowed');
  });
  it('is built from a stored credential by grantOf', () => {
    expect(grantOf({ manufacturer: 'Acme', serialNumber: null }, 'uagv')).toEqual(acme);
  });
});

describe('master control', () => {
  it('may publish and subscribe anywhere', () => {
    expect(mayPublish(master, t('AMR-1', 'order'))).toBe(true);
    expect(maySubscribe(master, 'uagv/+/+/+/state')).toBe(true);
    expect(maySubscribe(master, '#')).toBe(true);
  });
});

describe('credential inputs', () => {
  it('accepts a minimal input and validates names as topic levels', () => {
    expect(createCredentialInput.parse({ manufacturer: 'Acme Robotics' })).toEqual({ manufacturer: 'Acme Robotics' });
    expect(createCredentialInput.safeParse({ manufacturer: 'Acme/Robotics' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: 'Acme', serialNumber: 'AMR+1' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: 'Acme', serialNumber: '#' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: '' }).success).toBe(false);
  });
  it('takes empty form fields as absent', () => {
    expect(createCredentialInput.parse({ manufacturer: 'Acme', serialNumber: '', username: '', password: '', note: '' })).toEqual({
      manufacturer: 'Acme',
    });
    expect(createCredentialInput.parse({ manufacturer: 'Acme', serialNumber: null })).toEqual({ manufacturer: 'Acme', serialNumber: null });
  });
  it('checks usernames and passwords', () => {
    expect(createCredentialInput.safeParse({ manufacturer: 'A', username: 'robot.acme-1@site_2' }).success).toBe(true);
    expect(createCredentialInput.safeParse({ manufacturer: 'A', username: 'ab' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: 'A', username: 'has space' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: 'A', username: 'a/b#c' }).success).toBe(false);
    expect(createCredentialInput.safeParse({ manufacturer: 'A', password: 'short' }).success).toBe(false);
  });
  it('an update must change something', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(updateCredentialInput.safeParse({ id }).success).toBe(false);
    expect(updateCredentialInput.safeParse({ id, resetPassword: false }).success).toBe(false);
    expect(updateCredentialInput.safeParse({ id, disabled: false }).success).toBe(true);
    expect(updateCredentialInput.safeParse({ id, resetPassword: true }).success).toBe(true);
  });
});
