import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, intOption, parseArgs, rejectUnknown, stringOption } from '../../src-main/host/args';
import { defaultDataDir } from '../../src-main/host/data-dir';

describe('parseArgs', () => {
  it('separates positional words from --name value options', () => {
    expect(parseArgs(['serve', '--port', '5317', '--data', '/tmp/d'])).toEqual({ positional: ['serve'], options: { port: '5317', data: '/tmp/d' } });
  });

  it('reads --name=value, including values with = and values that start with a dash', () => {
    expect(parseArgs(['--token=a=b', '--offset=-3']).options).toEqual({ token: 'a=b', offset: '-3' });
  });

  it('treats an option followed by another option, or by nothing, as a flag', () => {
    expect(parseArgs(['seed', '--demo', '--data', 'D']).options).toEqual({ demo: true, data: 'D' });
    expect(parseArgs(['--help']).options).toEqual({ help: true });
  });

  it('keeps positional words in order, around options', () => {
    expect(parseArgs(['identity', '--data', 'D', 'export']).positional).toEqual(['identity', 'export']);
  });

  it('takes everything after -- as positional', () => {
    expect(parseArgs(['run', '--', '--not-an-option', 'x'])).toEqual({ positional: ['run', '--not-an-option', 'x'], options: {} });
  });

  it('lets a later repetition win', () => {
    expect(parseArgs(['--port', '1', '--port', '2']).options.port).toBe('2');
  });

  it('parses nothing to nothing', () => {
    expect(parseArgs([])).toEqual({ positional: [], options: {} });
  });
});

describe('stringOption', () => {
  it('returns the value, or the fallback when the option is absent', () => {
    expect(stringOption(parseArgs(['--host', '::1']), 'host', '127.0.0.1')).toBe('::1');
    expect(stringOption(parseArgs([]), 'host', '127.0.0.1')).toBe('127.0.0.1');
    expect(stringOption(parseArgs([]), 'host')).toBeUndefined();
  });

  it('refuses a flag where a value is needed', () => {
    expect(() => stringOption(parseArgs(['--token']), 'token')).toThrow(UsageError);
    expect(() => stringOption(parseArgs(['--token']), 'token')).toThrow('--token needs a value');
  });
});

describe('intOption', () => {
  const port = (...argv: string[]) => intOption(parseArgs(argv), 'port', 5317, 0, 65_535);

  it('parses whole numbers within bounds, inclusive', () => {
    expect(port('--port', '8080')).toBe(8080);
    expect(port('--port', '0')).toBe(0);
    expect(port('--port', '65535')).toBe(65_535);
  });

  it('returns the fallback when absent', () => {
    expect(port()).toBe(5317);
  });

  it.each([['abc'], ['12.5'], ['-1'], ['1e3'], ['0x10'], [' 80'], ['']])('refuses %j as not a whole number', (raw) => {
    expect(() => port(`--port=${raw}`)).toThrow(UsageError);
    expect(() => port(`--port=${raw}`)).toThrow(/whole number/);
  });

  it('refuses values out of range, naming the bounds', () => {
    expect(() => port('--port', '65536')).toThrow('--port must be between 0 and 65535, got 65536');
    expect(() => intOption(parseArgs(['--synthetic', '0']), 'synthetic', 0, 1, 10)).toThrow(/between 1 and 10/);
  });

  it('refuses a missing value', () => {
    expect(() => port('--port')).toThrow('--port needs a value');
  });
});

describe('rejectUnknown', () => {
  it('accepts allowed options and refuses any other', () => {
    expect(() => rejectUnknown(parseArgs(['--data', 'D']), ['data', 'port'])).not.toThrow();
    expect(() => rejectUnknown(parseArgs(['--data', 'D', '--prot', '1']), ['data', 'port'])).toThrow('unknown option --prot');
  });
});

describe('defaultDataDir', () => {
  const home = '/home/ada';

  it('uses APPDATA on Windows, else the roaming folder under home', () => {
    expect(defaultDataDir('win32', home, { APPDATA: '/appdata' })).toBe(join('/appdata', 'InfiniRoute', 'data'));
    expect(defaultDataDir('win32', home, {})).toBe(join(home, 'AppData', 'Roaming', 'InfiniRoute', 'data'));
  });

  it('uses Application Support on macOS, ignoring XDG', () => {
    expect(defaultDataDir('darwin', home, { XDG_DATA_HOME: '/xdg' })).toBe(join(home, 'Library', 'Application Support', 'InfiniRoute', 'data'));
  });

  it('uses XDG_DATA_HOME on Linux and other systems, else ~/.local/share', () => {
    expect(defaultDataDir('linux', home, { XDG_DATA_HOME: '/xdg' })).toBe(join('/xdg', 'infiniroute'));
    expect(defaultDataDir('linux', home, {})).toBe(join(home, '.local', 'share', 'infiniroute'));
    expect(defaultDataDir('freebsd', home, {})).toBe(join(home, '.local', 'share', 'infiniroute'));
  });
});
