import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { DEFAULT_PAUSE_SETTINGS } from '@tandem/shared';
import type { TimersView } from '@tandem/shared';
import { createBundledI18n as createI18n } from '../../i18n/bundled';
import { ServerClock } from './serverClock';
import { SessionClock } from './SessionClock';
import { TimersContext } from './TimersProvider';

afterEach(cleanup);

const NOW = 1_700_000_000_000;
const MIN = 60_000;

function renderClock(startedAgoMin: number, plannedMin: number, lang: 'en' | 'es' = 'en') {
  const clock = new ServerClock(() => NOW);
  const view: TimersView = {
    serverTime: NOW,
    session: {
      startedAt: NOW - startedAgoMin * MIN,
      plannedMinutes: plannedMin,
      plannedEnd: NOW - startedAgoMin * MIN + plannedMin * MIN,
    },
    pause: null,
    settings: DEFAULT_PAUSE_SETTINGS,
  };
  return render(
    <I18nextProvider i18n={createI18n(lang)}>
      <TimersContext.Provider value={{ view, clock }}>
        <SessionClock />
      </TimersContext.Provider>
    </I18nextProvider>,
  );
}

describe('SessionClock', () => {
  it('shows time in and time left, without a heads-up early on', () => {
    const { container } = renderClock(5, 50);
    expect(container.textContent).toContain('5:00 in');
    expect(container.textContent).toContain('45 min left');
    expect(container.querySelector('[data-clock]')?.getAttribute('data-clock')).toBe('running');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('gives a gentle heads-up ten minutes before the planned end, in the viewer’s language', () => {
    const { container } = renderClock(41, 50, 'es');
    expect(container.querySelector('[data-clock]')?.getAttribute('data-clock')).toBe('heads-up');
    expect(screen.getByRole('status').textContent).toBe('Quedan unos 10 minutos de sesión.');
    expect(container.textContent).toContain('quedan 9 min');
  });
});
