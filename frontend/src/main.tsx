import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { restoreSession } from './lib/auth/restore';

// Before the first render, so RequireAuth waits for it instead of redirecting to login.
void restoreSession();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
