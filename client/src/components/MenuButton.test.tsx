import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MenuButton } from './MenuButton';

const choices = [
  { id: '2', label: '2 minutes' },
  { id: '5', label: '5 minutes' },
  { id: '10', label: '10 minutes' },
];

function setup(isDisabled = false) {
  const onAction = vi.fn();
  const view = render(
    <>
      <MenuButton
        label="Choose how long to pause"
        menuLabel="Pause length"
        className="btn"
        isDisabled={isDisabled}
        choices={choices}
        onAction={onAction}
      >
        v
      </MenuButton>
      <button type="button">elsewhere</button>
    </>,
  );
  const button = screen.getByRole('button', { name: 'Choose how long to pause' });
  return { onAction, button, view };
}
const item = (name: string) => screen.getByRole('menuitem', { name });

afterEach(cleanup);

describe('MenuButton', () => {
  it('is a closed menu button until pressed, then a labelled menu with its first item focused', () => {
    const { button } = setup();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(button);
    const menu = screen.getByRole('menu', { name: 'Pause length' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(menu.id);
    expect(document.activeElement).toBe(item('2 minutes'));
  });

  it('opens on the last item with Up and moves with the arrows, Home, End and a typed digit, wrapping', () => {
    const { button } = setup();
    fireEvent.keyDown(button, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(item('10 minutes'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item('2 minutes'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(item('10 minutes'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement).toBe(item('2 minutes'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement).toBe(item('10 minutes'));
    fireEvent.keyDown(document.activeElement as Element, { key: '5' });
    expect(document.activeElement).toBe(item('5 minutes'));
  });

  it('chooses with Enter, closes and gives focus back to the button', () => {
    const { button, onAction } = setup();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    expect(onAction).toHaveBeenCalledWith('5');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes without choosing on Escape (focus back), on a click elsewhere, and when disabled', () => {
    const { button, onAction, view } = setup();
    fireEvent.click(button);
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(button);
    fireEvent.click(item('10 minutes'));
    expect(onAction).toHaveBeenCalledWith('10');
    fireEvent.click(button);
    view.rerender(
      <MenuButton
        label="Choose how long to pause"
        menuLabel="Pause length"
        className="btn"
        isDisabled
        choices={choices}
        onAction={onAction}
      >
        v
      </MenuButton>,
    );
    expect(screen.queryByRole('menu')).toBeNull();
    expect(onAction).toHaveBeenCalledTimes(1);
  });
});
