import { createBrowserRouter } from 'react-router';
import { TherapistGate } from '../features/auth/TherapistGate';
import { JoinPage } from '../pages/JoinPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage, RouteErrorPage } from '../pages/NotFoundPage';
import { SetupPage } from '../pages/SetupPage';
import { PageShell } from '../components/PageShell';
import { Loading } from '../components/feedback';

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteErrorPage />,
      // Shown while the first page's lazy code loads (a deep link to a therapist page or a room).
      hydrateFallbackElement: (
        <PageShell width="narrow">
          <Loading />
        </PageShell>
      ),
      children: [
        { path: '/setup', element: <SetupPage /> },
        { path: '/login', element: <LoginPage /> },
        { path: '/join', element: <JoinPage /> },
        // The session room (video, Yjs, timers) loads only when someone opens one.
        {
          path: '/s/:sessionId',
          lazy: async () => ({ Component: (await import('../pages/PartnerSessionPage')).PartnerSessionPage }),
        },
        {
          element: <TherapistGate />,
          children: [
            // Therapist pages load on demand: a partner's join page carries none of them.
            { path: '/', lazy: async () => ({ Component: (await import('../pages/DashboardPage')).DashboardPage }) },
            { path: '/account', lazy: async () => ({ Component: (await import('../pages/AccountPage')).AccountPage }) },
            {
              path: '/couples/new',
              lazy: async () => ({ Component: (await import('../pages/CoupleFormPage')).NewCouplePage }),
            },
            {
              path: '/couples/:coupleId',
              lazy: async () => ({ Component: (await import('../pages/CouplePage')).CouplePage }),
            },
            {
              path: '/couples/:coupleId/edit',
              lazy: async () => ({ Component: (await import('../pages/CoupleFormPage')).EditCouplePage }),
            },
            {
              path: '/sessions/:sessionId',
              lazy: async () => ({ Component: (await import('../pages/TherapistSessionPage')).TherapistSessionPage }),
            },
            {
              path: '/sessions/:sessionId/notes',
              lazy: async () => ({ Component: (await import('../pages/SessionNotesPage')).SessionNotesPage }),
            },
            {
              path: '/sessions/:sessionId/record',
              lazy: async () => ({ Component: (await import('../pages/SessionRecordPage')).SessionRecordPage }),
            },
            {
              path: '/sessions/:sessionId/progress-note',
              lazy: async () => ({ Component: (await import('../pages/ProgressNotePage')).ProgressNotePage }),
            },
            { path: '/scripts', lazy: async () => ({ Component: (await import('../pages/ScriptsPage')).ScriptsPage }) },
            {
              path: '/scripts/new',
              lazy: async () => ({ Component: (await import('../pages/ScriptEditorPage')).ScriptEditorPage }),
            },
            {
              path: '/scripts/:scriptId/edit',
              lazy: async () => ({ Component: (await import('../pages/ScriptEditorPage')).ScriptEditorPage }),
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
