import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: '.data',
      MQTT_PORT: 1884,
      VDA_INTERFACE: 'uagv',
      SIM_ROBOTS: 24,
      SIM_HZ: 10,
      SIM_SEED: 1,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MQTT_URL).toBeUndefined();
  });

  it('treats empty service URLs as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', MQTT_URL: ' ' }).DATABASE_URL).toBeUndefined();
  });

  it('names the bad variable and its value in one line', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/^Invalid PORT="abc": /);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/Invalid DATABASE_URL=.*postgres:\/\//);
    expect(() => parseConfig({ SIM_ROBOTS: '-1' })).toThrow(/Invalid SIM_ROBOTS/);
    expect(() => parseConfig({ MQTT_URL: 'http://x' })).toThrow(/Invalid MQTT_URL/);
  });

  it('names the node <hostname>:<PORT> unless NODE_ID says otherwise', () => {
    expect(parseConfig({ PORT: '3100' }).NODE_ID).toMatch(/^.+:3100$/);
    expect(parseConfig({ NODE_ID: 'web-2' }).NODE_ID).toBe('web-2');
    expect(() => parseConfig({ NODE_ID: 'a b' })).toThrow(/^Invalid NODE_ID="a b"/);
  });

  it('takes BUS_URL as one or several nats:// servers and refuses anything else with one line', () => {
    expect(parseConfig({}).BUS_URL).toBeUndefined();
    expect(parseConfig({ BUS_URL: 'nats://127.0.0.1:4222' }).BUS_URL).toBe('nats://127.0.0.1:4222');
    expect(parseConfig({ BUS_URL: 'nats://a:4222,nats://b:4222' }).BUS_URL).toBe('nats://a:4222,nats://b:4222');
    expect(() => parseConfig({ BUS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /^Invalid BUS_URL="redis:\/\/127.0.0.1:6379": must look like nats:\/\//,
    );
    expect(() => parseConfig({ BUS_PREFIX: 'a.b' })).toThrow(/^Invalid BUS_PREFIX/);
    expect(() => parseConfig({ BUS_MAX_BYTES: '1000' })).toThrow(/^Invalid BUS_MAX_BYTES/);
  });

  it('takes REDIS_URL as one redis:// or rediss:// server and refuses anything else with one line, password masked', () => {
    expect(parseConfig({}).REDIS_URL).toBeUndefined();
    expect(parseConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(parseConfig({ REDIS_URL: 'rediss://user:pw@cache.example.com:6380/2' }).REDIS_URL).toBe(
      'rediss://user:pw@cache.example.com:6380/2',
    );
    expect(() => parseConfig({ REDIS_URL: 'nats://127.0.0.1:4222' })).toThrow(
      /^Invalid REDIS_URL="nats:\/\/127.0.0.1:4222": must look like redis:\/\/\[user:password@\]host:port/,
    );
    const err = (() => {
      try {
        parseConfig({ REDIS_URL: 'http://:s3cret@127.0.0.1:6379' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(err).toMatch(/^Invalid REDIS_URL="http:\/\/:\*\*\*@127.0.0.1:6379": must look like redis:\/\//);
    expect(err).not.toContain('s3cret');
  });
});
