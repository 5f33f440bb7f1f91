import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RoomTabs, tabPanelProps } from './RoomTabs';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tabs = [
  { id: 'notes', label: 'My notes' },
  { id: 'alex', label: 'Alex', badge: '2', badgeLabel: '2 new messages' },
];

describe('RoomTabs', () => {
  it('reads a count badge by its label, and shows only the count', () => {
    render(
      <RoomTabs
        prefix="p"
        tabClassName="tab"
        label="Notes and partners"
        selected="notes"
        onSelect={() => {}}
        tabs={tabs}
      />,
    );
    const alex = screen.getByRole('tab', { name: /^Alex\W+2 new messages$/ });
    expect(alex.className).toBe('tab');
    const badge = alex.querySelector('.tab-badge');
    expect(badge?.textContent).toBe('2');
    expect(badge?.getAttribute('aria-hidden')).toBe('true');
  });

  it('moves to the next tab with the arrow key and ties each panel to its tab', () => {
    vi.stubGlobal('CSS', { escape: (s: string) => s }); // jsdom has no CSS.escape; the tab list uses it to focus
    const onSelect = vi.fn();
    render(
      <>
        <RoomTabs prefix="p" label="Notes and partners" selected="notes" onSelect={onSelect} tabs={tabs} />
        <div {...tabPanelProps('p', 'notes', true)}>notes</div>
      </>,
    );
    fireEvent.keyDown(screen.getByRole('tab', { name: 'My notes' }), { key: 'ArrowRight' });
    expect(onSelect).toHaveBeenCalledWith('alex');
    expect(screen.getByRole('tabpanel', { name: 'My notes' }).textContent).toBe('notes');
  });
});
