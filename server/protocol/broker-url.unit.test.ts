import { describe, expect, it } from 'vitest';
import { redactBrokerUrl, splitBrokerUrl } from './broker-url';

describe('broker URL credentials', () => {
  it('takes user and password out of the URL', () => {
    expect(splitBrokerUrl('mqtt://fleetscope:s3cr%40t@127.0.0.1:1883')).toEqual({
      url: 'mqtt://127.0.0.1:1883',
      username: 'fleetscope',
      password: 's3cr@t',
    });
    expect(splitBrokerUrl('mqtts://only-user@broker.example.com')).toEqual({ url: 'mqtts://broker.example.com', username: 'only-user' });
  });
  it('leaves a URL without credentials as it is', () => {
    expect(splitBrokerUrl('mqtt://127.0.0.1:1883')).toEqual({ url: 'mqtt://127.0.0.1:1883' });
    expect(splitBrokerUrl('not a url')).toEqual({ url: 'not a url' });
  });
  it('redacts the password for logs', () => {
    expect(redactBrokerUrl('mqtt://sim:pw@127.0.0.1:1883')).toBe('mqtt://sim:***@127.0.0.1:1883');
    expect(redactBrokerUrl('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
  });
});
