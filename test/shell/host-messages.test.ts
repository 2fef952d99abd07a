import { describe, expect, it } from 'vitest';
import { parseHostMessage } from '../../src-main/shell/host-messages';

describe('parseHostMessage', () => {
  it('accepts each protocol message', () => {
    expect(parseHostMessage({ type: 'ready', dataDir: '/d' })).toEqual({ type: 'ready', dataDir: '/d' });
    expect(parseHostMessage({ type: 'result', id: 4, ok: true, result: [1] })).toEqual({ type: 'result', id: 4, ok: true, result: [1] });
    expect(parseHostMessage({ type: 'result', id: 4, ok: false, error: { code: 'NOT_FOUND', message: 'x' } })).toEqual({
      type: 'result',
      id: 4,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'x' },
    });
    expect(parseHostMessage({ type: 'event', event: 'catalog.changed', payload: { total: 1 } })).toEqual({
      type: 'event',
      event: 'catalog.changed',
      payload: { total: 1 },
    });
    expect(parseHostMessage({ type: 'fatal', message: 'disk full' })).toEqual({ type: 'fatal', message: 'disk full' });
  });

  it.each([
    null,
    'ready',
    { type: 'nope' },
    { type: 'ready' },
    { type: 'result', id: '4', ok: true, result: 1 },
    { type: 'result', id: 1.5, ok: true, result: 1 },
    { type: 'result', id: 4, ok: false, error: 'broken' },
    { type: 'result', id: 4, ok: false, error: { code: 'WHATEVER', message: 'x' } },
    { type: 'result', id: 4 },
    { type: 'event', payload: 1 },
  ])('rejects %j', (raw) => {
    expect(parseHostMessage(raw)).toBeNull();
  });
});
