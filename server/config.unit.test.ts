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
});
