import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { createCallRelay } from '../../src-main/shell/call-relay';
import type { SenderInfo } from '../../src-main/shell/ipc-guard';

const sender: SenderInfo = { frameUrl: 'app://renderer/user.html', isMainFrame: true, webContentsId: 1 };

function relay(overrides: Partial<Parameters<typeof createCallRelay>[0]> = {}) {
  const forward = vi.fn(async (name: string, input: unknown) => ({ name, input }));
  const onRefused = vi.fn();
  const handle = createCallRelay({ isTrusted: () => true, forward, onRefused, ...overrides });
  return { handle, forward, onRefused };
}

describe('createCallRelay', () => {
  it('forwards contract commands and wraps the result', async () => {
    const { handle, forward } = relay();
    await expect(handle(sender, 'catalog.list', { q: 'x' })).resolves.toEqual({
      ok: true,
      result: { name: 'catalog.list', input: { q: 'x' } },
    });
    expect(forward).toHaveBeenCalledWith('catalog.list', { q: 'x' });
  });

  it('refuses untrusted senders before looking at the call', async () => {
    const { handle, forward, onRefused } = relay({ isTrusted: () => false });
    const answer = await handle(sender, 'system.health', {});
    expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect(forward).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith(sender, expect.any(String));
  });

  it.each([['no.such'], ['__proto__'], ['toString'], ['constructor'], [''], [42], [null], [{ name: 'system.health' }]])(
    'answers UNKNOWN_COMMAND for %j without forwarding',
    async (name) => {
      const { handle, forward } = relay();
      const answer = await handle(sender, name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
      expect(forward).not.toHaveBeenCalled();
    },
  );

  it('passes engine error shapes through unchanged', async () => {
    const error = { code: 'NOT_FOUND', message: 'No such model', details: { id: 'k:x' } };
    const { handle } = relay({ forward: async () => Promise.reject(error) });
    await expect(handle(sender, 'catalog.get', { id: 'k:x' })).resolves.toEqual({ ok: false, error });
  });

  it('turns AppErrors into their shape and hides any other error', async () => {
    const app = relay({ forward: async () => Promise.reject(new AppError('CONFLICT', 'exists')) });
    await expect(app.handle(sender, 'marketplace.create', {})).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'exists' },
    });
    const raw = relay({ forward: async () => Promise.reject(new Error('/home/me/secret path exploded')) });
    const answer = await raw.handle(sender, 'system.health', {});
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
  });

  it('never rejects, even when forward throws synchronously', async () => {
    const { handle } = relay({
      forward: () => {
        throw new TypeError('boom');
      },
    });
    await expect(handle(sender, 'system.health', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
