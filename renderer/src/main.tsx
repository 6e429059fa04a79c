import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadMarkdownAfterFirstPaint } from './markdown/markdown-loader';
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
  // The markdown stack is not in the entry chunk: fetch it once the first paint is out, so
  // replies are markdown by the time anyone reads them (until then they show as plain text).
  loadMarkdownAfterFirstPaint();
}
