import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider } from '../client/ClientContext';
import { resetUiState } from '../state/ui-store';
import { chooseTransport } from '../transport/choose';
import '../styles.css';
import { UserApp } from './UserApp';

const root = document.getElementById('root');
if (!root) throw new Error('user.html has no #root element');
resetUiState('catalog');
createRoot(root).render(
  <StrictMode>
    <ClientProvider transport={chooseTransport(window)}>
      <UserApp />
    </ClientProvider>
  </StrictMode>,
);
