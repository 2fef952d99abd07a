import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider } from '../client/ClientContext';
import { resetUiState } from '../state/ui-store';
import { chooseTransport } from '../transport/choose';
import '../styles.css';
import { ProducerApp } from './ProducerApp';

const root = document.getElementById('root');
if (!root) throw new Error('producer.html has no #root element');
resetUiState('my-models');
createRoot(root).render(
  <StrictMode>
    <ClientProvider transport={chooseTransport(window)}>
      <ProducerApp />
    </ClientProvider>
  </StrictMode>,
);
