import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/routing';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeHealth } from './fixtures';
import { entriesPage, makePlan } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

async function estimateShownFor(estimate: Plan['estimate']): Promise<string> {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 0, items: [] }),
    'ledger.entries': () => entriesPage([]),
    'route.plan': () => makePlan('plan-est', { estimate }),
  });
  const view = renderWithTransport(<UserApp />, transport, 'playground');
  fireEvent.change(await screen.findByTestId('pg-prompt'), { target: { value: 'Write a haiku' } });
  fireEvent.click(screen.getByTestId('pg-plan'));
  const text = (await screen.findByTestId('plan-estimate')).textContent ?? '';
  view.unmount();
  return text.replace(/\s+/g, ' ').trim();
}

describe('playground estimate', () => {
  it('says where the output-token figure came from', async () => {
    expect(await estimateShownFor({ inputTokens: 12, outputTokens: 230, source: 'learned', calls: 14 })).toBe('est. 12 input + 230 output tokens · learned from 14 calls');
    expect(await estimateShownFor({ inputTokens: 12, outputTokens: 512, source: 'default', calls: 0 })).toBe('est. 12 input + 512 output tokens · default, no calls yet');
    expect(await estimateShownFor({ inputTokens: 12, outputTokens: 512, source: 'default', calls: 3 })).toBe('est. 12 input + 512 output tokens · default until 5 calls (3 so far)');
    expect(await estimateShownFor({ inputTokens: 12, outputTokens: 1_200, source: 'caller', calls: 9 })).toBe('est. 12 input + 1,200 output tokens · as you set');
  });
});
