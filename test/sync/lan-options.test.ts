import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src-main/host/args';
import { syncOptionsOf } from '../../src-main/host/peer';

describe("serve's sync flags", () => {
  it('leave LAN sharing to the saved choice unless --lan is given; --sync-host is the LAN address', () => {
    expect(syncOptionsOf(parseArgs([]))).toEqual({ port: 5319, fallback: true, lanHost: '0.0.0.0', mdns: true });
    expect(syncOptionsOf(parseArgs(['--lan', '--sync-host', '::', '--no-mdns', '--sync-port', '0']))).toEqual({ port: 0, fallback: false, lanHost: '::', mdns: false, lan: true });
    expect(() => syncOptionsOf(parseArgs(['--lan', 'yes']))).toThrow(UsageError);
  });
});
