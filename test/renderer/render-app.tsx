import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ClientProvider } from '../../src-renderer/src/client/ClientContext';
import { resetUiState, type ScreenId } from '../../src-renderer/src/state/ui-store';
import type { FakeTransport } from './fake-transport';

/** Mounts a window's content on a fake engine, from a fresh window's UI state. */
export function renderWithTransport(ui: ReactElement, transport: FakeTransport, screen: ScreenId = 'catalog') {
  resetUiState(screen);
  return render(<ClientProvider transport={transport}>{ui}</ClientProvider>);
}
