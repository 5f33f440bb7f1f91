import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import { createI18n, detectBrowserLanguage, loadStrings } from './i18n';
import { readLanguageChoice } from './i18n/language';
import { createRouter } from './app/router';
import './styles/tokens.css';
import './styles/base.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/practice.css';
import './styles/room.css';

const i18n = createI18n(readLanguageChoice() ?? detectBrowserLanguage());
// The router starts loading the page's code now, while the common strings of one language arrive.
const router = createRouter();
const container = document.getElementById('root');
if (!container) throw new Error('Missing #root');

await loadStrings(['core']);
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>
  </StrictMode>,
);
