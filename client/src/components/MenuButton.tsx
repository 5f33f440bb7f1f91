import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './menuButton.css';

export interface MenuChoice {
  id: string;
  label: string;
}

/**
 * A button that opens a short menu of actions: the WAI-ARIA menu button pattern, written out rather than react-aria's
 * Menu, whose collection machinery would load with every dialog of the room. Enter, Space or Down opens on the first
 * item, Up on the last; Up, Down, Home, End and a typed letter move; Enter or Space chooses; Escape closes and gives
 * focus back to the button; Tab, a click elsewhere or focus leaving closes it.
 */
export function MenuButton({
  label,
  menuLabel,
  className,
  isDisabled,
  choices,
  onAction,
  children,
}: {
  /** The button's accessible name. */
  label: string;
  menuLabel: string;
  className: string;
  isDisabled: boolean;
  choices: readonly MenuChoice[];
  onAction: (id: string) => void;
  children: ReactNode;
}) {
  const menuId = useId();
  const [open, setOpen] = useState<'first' | 'last' | null>(null);
  // Disabled while open (a pause began): the menu closes, its choices no longer apply.
  const [wasDisabled, setWasDisabled] = useState(isDisabled);
  if (wasDisabled !== isDisabled) {
    setWasDisabled(isDisabled);
    if (isDisabled) setOpen(null);
  }
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const list = items();
    (open === 'first' ? list[0] : list[list.length - 1])?.focus();
    const outside = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (id: string) => {
    close(true);
    onAction(id);
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const id = list[at]?.dataset['id'];
      if (id !== undefined) choose(id);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Type-ahead: the next item, after the focused one, whose words start with the key.
      const key = e.key.toLocaleLowerCase();
      const next = [...list.slice(at + 1), ...list.slice(0, at + 1)].find((el) =>
        el.textContent?.trim().toLocaleLowerCase().startsWith(key),
      );
      if (next) move(list.indexOf(next));
    }
  };

  return (
    <div className="menu-button" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        disabled={isDisabled}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => (o ? null : 'first'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open ? (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={menuLabel}
          className="select-popover select-list menu-button-list"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (e.relatedTarget && !wrapRef.current?.contains(e.relatedTarget)) setOpen(null);
          }}
        >
          {choices.map((c) => (
            <li
              key={c.id}
              role="menuitem"
              tabIndex={-1}
              data-id={c.id}
              className="select-option"
              onClick={() => choose(c.id)}
              onPointerMove={(e) => e.currentTarget.focus()}
            >
              {c.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
