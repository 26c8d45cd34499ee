import { describe, expect, it } from 'vitest';
import { edgeTransport } from './topology';

describe('edge transport', () => {
  it('objects handed over between stages of the app are in-process', () => {
    expect(edgeTransport('gateway:vda5050-mqtt', 'subject:robot.visualization')).toBe('in-process');
    expect(edgeTransport('subject:robot.visualization', 'worker:fleet-state')).toBe('in-process');
    expect(edgeTransport('worker:command-dispatcher', 'gateway:vda5050-mqtt')).toBe('in-process');
  });
  it('MQTT, Socket.IO and table writes are serialised', () => {
    expect(edgeTransport('robots:SimRobotics', 'topic:visualization')).toBe('serialised');
    expect(edgeTransport('fanout:socketio', 'viewers:browsers')).toBe('serialised');
    expect(edgeTransport('worker:history', 'table:telemetry_slices')).toBe('serialised');
  });
});
