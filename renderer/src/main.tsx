import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { QuickAsk } from './quick-ask/quick-ask';
import './styles/base.css';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      {location.hash === '#quick-ask' ? (
        <QuickAsk api={window.parley} />
      ) : (
        <App api={window.parley} />
      )}
    </StrictMode>,
  );
}
