import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { loadStrings } from '../i18n';
import { TherapistGate } from '../features/auth/TherapistGate';
import { JoinPage } from '../pages/JoinPage';
import { NotFoundPage, RouteErrorPage } from '../pages/NotFoundPage';
import { PageShell } from '../components/PageShell';
import { Loading } from '../components/feedback';

/**
 * A route loaded on demand: its code and the strings it needs (default: every namespace) in the active language,
 * in parallel; it renders only when both are there.
 */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType, namespaces?: readonly string[]) {
  return async () => {
    const [module] = await Promise.all([load(), loadStrings(namespaces)]);
    return { Component: pick(module) };
  };
}

/**
 * The therapist's room: what it shows when it opens (its header while it connects, the call, the map, the panel).
 * Its later parts load their own (the end screen the record's, the last task between sessions `between`).
 */
const THERAPIST_ROOM_NAMESPACES = [
  'core',
  'account',
  'private',
  'safety',
  'timers',
  'scripts',
  'video',
  'therapist',
  'drafts',
  'map',
  'measures',
  'screening',
];

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
        // The therapist's forms (react-aria fields, the password meter) stay out of the partner's join page.
        {
          path: '/setup',
          lazy: page(
            () => import('../pages/SetupPage'),
            (m) => m.SetupPage,
            ['core', 'account'],
          ),
        },
        {
          path: '/login',
          lazy: page(
            () => import('../pages/LoginPage'),
            (m) => m.LoginPage,
            ['core', 'account', 'security', 'clientData'],
          ),
        },
        {
          path: '/forgot-password',
          lazy: page(
            () => import('../pages/ForgotPasswordPage'),
            (m) => m.ForgotPasswordPage,
            ['core', 'account', 'clientData'],
          ),
        },
        {
          path: '/reset-password',
          lazy: page(
            () => import('../pages/ResetPasswordPage'),
            (m) => m.ResetPasswordPage,
            ['core', 'account', 'clientData'],
          ),
        },
        // A sign-in held until its second factor is set up (the practice requires one).
        {
          path: '/enrol',
          lazy: page(
            () => import('../pages/EnrolPage'),
            (m) => m.EnrolPage,
            ['core', 'account', 'security'],
          ),
        },
        // Sign-up from a practice's invite link (`/welcome#<token>`).
        {
          path: '/welcome',
          lazy: page(
            () => import('../pages/WelcomePage'),
            (m) => m.WelcomePage,
            ['core', 'account', 'practice'],
          ),
        },
        { path: '/join', element: <JoinPage /> },
        // A partner's own page between sessions, through their personal link (no therapist code, no room).
        {
          path: '/me/open',
          lazy: page(
            () => import('../pages/BetweenPage'),
            (m) => m.OpenCaseLinkPage,
            ['core', 'between', 'measures'],
          ),
        },
        {
          path: '/me',
          lazy: page(
            () => import('../pages/BetweenPage'),
            (m) => m.BetweenPage,
            ['core', 'between', 'measures', 'private', 'screening', 'progress', 'followup', 'map'],
          ),
        },
        // The session room (video, Yjs, timers) loads only when someone opens one.
        {
          path: '/s/:sessionId',
          lazy: page(
            () => import('../pages/PartnerSessionPage'),
            (m) => m.PartnerSessionPage,
            // `private` for the quick exit, which the policy screen keeps.
            ['core', 'private'],
          ),
        },
        {
          element: <TherapistGate />,
          children: [
            // Therapist pages load on demand: a partner's join page carries none of them.
            {
              path: '/',
              lazy: page(
                () => import('../pages/DashboardPage'),
                (m) => m.DashboardPage,
              ),
            },
            {
              path: '/account',
              lazy: page(
                () => import('../pages/AccountPage'),
                (m) => m.AccountPage,
              ),
            },
            {
              path: '/account/security',
              lazy: page(
                () => import('../pages/SecurityPage'),
                (m) => m.SecurityPage,
              ),
            },
            {
              path: '/account/devices',
              lazy: page(
                () => import('../pages/DevicesPage'),
                (m) => m.DevicesPage,
              ),
            },
            {
              path: '/people',
              lazy: page(
                () => import('../pages/PeoplePage'),
                (m) => m.PeoplePage,
              ),
            },
            {
              path: '/audit',
              lazy: page(
                () => import('../pages/AuditPage'),
                (m) => m.AuditPage,
              ),
            },
            {
              path: '/account/data',
              lazy: page(
                () => import('../pages/ClientDataPage'),
                (m) => m.ClientDataPage,
              ),
            },
            {
              path: '/account/practice',
              lazy: page(
                () => import('../pages/AccountPage'),
                (m) => m.PracticePage,
              ),
            },
            {
              path: '/couples/new',
              lazy: page(
                () => import('../pages/CoupleFormPage'),
                (m) => m.NewCouplePage,
              ),
            },
            {
              path: '/couples/:coupleId',
              lazy: page(
                () => import('../pages/CouplePage'),
                (m) => m.CouplePage,
              ),
            },
            {
              path: '/couples/:coupleId/history',
              lazy: page(
                () => import('../pages/CoupleHistoryPage'),
                (m) => m.CoupleHistoryPage,
              ),
            },
            {
              path: '/couples/:coupleId/plan',
              lazy: page(
                () => import('../pages/CouplePlanPage'),
                (m) => m.CouplePlanPage,
              ),
            },
            {
              path: '/couples/:coupleId/progress',
              lazy: page(
                () => import('../pages/CoupleProgressPage'),
                (m) => m.CoupleProgressPage,
              ),
            },
            {
              path: '/couples/:coupleId/edit',
              lazy: page(
                () => import('../pages/CoupleFormPage'),
                (m) => m.EditCouplePage,
              ),
            },
            {
              path: '/sessions/:sessionId',
              lazy: page(
                () => import('../pages/TherapistSessionPage'),
                (m) => m.TherapistSessionPage,
                THERAPIST_ROOM_NAMESPACES,
              ),
            },
            {
              path: '/sessions/:sessionId/notes',
              lazy: page(
                () => import('../pages/SessionNotesPage'),
                (m) => m.SessionNotesPage,
              ),
            },
            {
              path: '/scripts',
              lazy: page(
                () => import('../pages/ScriptsPage'),
                (m) => m.ScriptsPage,
              ),
            },
            {
              path: '/sessions/:sessionId/record',
              lazy: page(
                () => import('../pages/SessionRecordPage'),
                (m) => m.SessionRecordPage,
              ),
            },
            {
              path: '/sessions/:sessionId/progress-note',
              lazy: page(
                () => import('../pages/ProgressNotePage'),
                (m) => m.ProgressNotePage,
              ),
            },
            {
              path: '/sessions/:sessionId/summaries/:audience',
              lazy: page(
                () => import('../pages/SummaryEditorPage'),
                (m) => m.SummaryEditorPage,
              ),
            },
            {
              path: '/scripts/new',
              lazy: page(
                () => import('../pages/ScriptEditorPage'),
                (m) => m.ScriptEditorPage,
              ),
            },
            {
              path: '/scripts/:scriptId/edit',
              lazy: page(
                () => import('../pages/ScriptEditorPage'),
                (m) => m.ScriptEditorPage,
              ),
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
