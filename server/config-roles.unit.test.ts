// NODE_ROLES: what one process of a cluster does. Every wrong value stops the start with one line naming it.
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const roles = (v: string | undefined) => parseConfig({ NODE_ROLES: v }).NODE_ROLES;
const all = { gateway: true, ingest: true, web: true, control: true };

describe('NODE_ROLES', () => {
  it('defaults to all, also when empty', () => {
    expect(roles(undefined)).toEqual(all);
    expect(roles('')).toEqual(all);
    expect(roles('all')).toEqual(all);
  });

  it('a process can leave out control: it is no candidate for the singletons', () => {
    expect(roles('gateway,ingest,web')).toEqual({ ...all, control: false });
    expect(roles(' web , gateway,ingest,control ')).toEqual(all);
  });

  it('a process can leave out web: it serves no pages, tRPC or Socket.IO (its health and metrics only)', () => {
    expect(roles('gateway,ingest')).toEqual({ ...all, web: false, control: false });
    expect(roles('gateway,ingest,control')).toEqual({ ...all, web: false });
  });

  it('gateway and ingest can each be left out, on a shared bus: other nodes run them', () => {
    const bus = { BUS_URL: 'nats://127.0.0.1:4222' };
    expect(parseConfig({ ...bus, NODE_ROLES: 'web,control' }).NODE_ROLES).toEqual({ ...all, gateway: false, ingest: false });
    expect(parseConfig({ ...bus, NODE_ROLES: 'gateway' }).NODE_ROLES).toEqual({ ...all, ingest: false, web: false, control: false });
    expect(parseConfig({ ...bus, NODE_ROLES: 'ingest' }).NODE_ROLES).toEqual({ ...all, gateway: false, web: false, control: false });
  });

  it('an unknown role, no role, or gateway or ingest left out without a shared bus is refused with one line', () => {
    expect(() => roles('gateway,cook')).toThrow(
      'Invalid NODE_ROLES="gateway,cook": unknown role "cook": roles are all, gateway, ingest, web, control',
    );
    expect(() => roles(' , ')).toThrow('Invalid NODE_ROLES=" , ": must name at least one role');
    expect(() => roles('web,control')).toThrow(
      'Invalid NODE_ROLES="web,control": leaving out gateway, ingest needs BUS_URL (other nodes on a shared bus run them)',
    );
    expect(() => roles('gateway,web')).toThrow(
      'Invalid NODE_ROLES="gateway,web": leaving out ingest needs BUS_URL (other nodes on a shared bus run it)',
    );
  });
});
