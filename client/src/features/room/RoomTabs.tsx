import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface RoomTab<T extends string> {
  id: T;
  label: string;
  /** Short news on the tab (shown and read with its name), e.g. "new". */
  badge?: string | null;
  /** What a screen reader hears for the badge instead, when the badge alone says too little (a count). */
  badgeLabel?: string;
  icon?: ReactNode;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/**
 * A WAI-ARIA tab list (automatic activation, roving focus, arrows/Home/End). The panels are rendered by the
 * caller (see `tabPanelProps`), so they stay mounted when hidden: the map and the private docs keep their connections.
 */
export function RoomTabs<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
  prefix,
  className,
  tabClassName = 'room-tab',
}: {
  tabs: RoomTab<T>[];
  selected: T;
  onSelect: (id: T) => void;
  label: string;
  prefix: string;
  className?: string;
  /** The tabs' class (their badge's is this plus `-badge`): the side panels' smaller tabs use `tab`. */
  tabClassName?: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    e.preventDefault();
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(prefix, tab.id))}`)?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(prefix, tab.id)}
          aria-selected={tab.id === selected}
          aria-controls={panelId(prefix, tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          className={tabClassName}
          data-tab={tab.id}
          onClick={() => onSelect(tab.id)}
        >
          {tab.icon}
          <span className="room-tab-label">{tab.label}</span>
          {tab.badge ? (
            <span className={`${tabClassName}-badge`} aria-hidden={tab.badgeLabel ? true : undefined}>
              {tab.badge}
            </span>
          ) : null}
          {tab.badge && tab.badgeLabel ? <span className="visually-hidden">, {tab.badgeLabel}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** Props for a panel of a `RoomTabs` list; hidden panels stay mounted. */
export function tabPanelProps(prefix: string, id: string, shown: boolean) {
  return {
    role: 'tabpanel',
    id: panelId(prefix, id),
    'aria-labelledby': tabId(prefix, id),
    hidden: !shown,
    tabIndex: -1,
  } as const;
}
