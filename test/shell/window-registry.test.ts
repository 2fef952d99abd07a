import { describe, expect, it } from 'vitest';
import { createWindowRegistry } from '../../src-main/shell/window-registry';
import type { WindowKind } from '../../src-main/shell/window-kinds';

interface FakeWindow {
  kind: WindowKind;
  n: number;
  alive: boolean;
  focused: number;
}

function setup() {
  const created: FakeWindow[] = [];
  const registry = createWindowRegistry<FakeWindow>({
    create: (kind) => {
      const w = { kind, n: created.length, alive: true, focused: 0 };
      created.push(w);
      return w;
    },
    isAlive: (w) => w.alive,
    focus: (w) => {
      w.focused++;
    },
  });
  return { registry, created };
}

describe('window registry', () => {
  it('creates one window per kind and focuses it on the next open', () => {
    const { registry, created } = setup();
    const user = registry.open('user');
    expect(registry.open('user')).toBe(user);
    expect(user.focused).toBe(1);
    const producer = registry.open('producer');
    expect(producer).not.toBe(user);
    expect(registry.open('producer')).toBe(producer);
    expect(created).toHaveLength(2);
    expect(registry.all()).toEqual([user, producer]);
  });

  it('creates a new window after the old one closed', () => {
    const { registry, created } = setup();
    const first = registry.open('producer');
    registry.forget('producer', first);
    const second = registry.open('producer');
    expect(second).not.toBe(first);
    expect(created).toHaveLength(2);
    expect(first.focused).toBe(0);
  });

  it('does not hand out a destroyed window even if its close was never reported', () => {
    const { registry } = setup();
    const first = registry.open('user');
    first.alive = false;
    expect(registry.get('user')).toBeUndefined();
    expect(registry.all()).toEqual([]);
    expect(registry.open('user')).not.toBe(first);
  });

  it('ignores a late close of a window that was already replaced', () => {
    const { registry } = setup();
    const first = registry.open('user');
    first.alive = false;
    const second = registry.open('user');
    registry.forget('user', first);
    expect(registry.get('user')).toBe(second);
  });
});
