import { createBrowserRouter } from 'react-router';
import { TherapistGate } from '../features/auth/TherapistGate';
import { AccountPage } from '../pages/AccountPage';
import { CouplePage } from '../pages/CouplePage';
import { EditCouplePage, NewCouplePage } from '../pages/CoupleFormPage';
import { DashboardPage } from '../pages/DashboardPage';
import { JoinPage } from '../pages/JoinPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage, RouteErrorPage } from '../pages/NotFoundPage';
import { ScriptEditorPage } from '../pages/ScriptEditorPage';
import { ScriptsPage } from '../pages/ScriptsPage';
import { SetupPage } from '../pages/SetupPage';

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteErrorPage />,
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
            { path: '/', element: <DashboardPage /> },
            { path: '/account', element: <AccountPage /> },
            { path: '/couples/new', element: <NewCouplePage /> },
            { path: '/couples/:coupleId', element: <CouplePage /> },
            { path: '/couples/:coupleId/edit', element: <EditCouplePage /> },
            {
              path: '/sessions/:sessionId',
              lazy: async () => ({ Component: (await import('../pages/TherapistSessionPage')).TherapistSessionPage }),
            },
            {
              path: '/sessions/:sessionId/notes',
              lazy: async () => ({ Component: (await import('../pages/SessionNotesPage')).SessionNotesPage }),
            },
            { path: '/scripts', element: <ScriptsPage /> },
            { path: '/scripts/new', element: <ScriptEditorPage /> },
            { path: '/scripts/:scriptId/edit', element: <ScriptEditorPage /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
