import { htmlElement } from './dom';

export interface MenuItem {
  label: string;
  /** `data-action` of the item, as on the toolbar's buttons. */
  name: string;
  action: () => void;
}

/**
 * A toolbar button with a menu of actions: what the toolbar cannot fit on one row in a narrow
 * panel goes there. Keyboard as in VS Code's menus: the first item takes focus, arrows move,
 * Escape closes and returns to the button.
 */
export function menuButton(label: string, title: string, items: MenuItem[]): HTMLElement {
  const anchor = htmlElement('div', { class: 'menu-anchor' });
  const toggle = htmlElement('button', { type: 'button', title, 'aria-label': title, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'data-action': 'more' }, label);
  const menu = htmlElement('div', { class: 'menu', role: 'menu', 'aria-label': title, hidden: true });
  const close = (refocus: boolean) => {
    if (menu.hidden) return;
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  };
  const entries = items.map((item) => {
    const entry = htmlElement('button', { type: 'button', role: 'menuitem', tabindex: -1, 'data-action': item.name }, item.label);
    entry.addEventListener('click', () => {
      close(false);
      item.action();
    });
    return entry;
  });
  menu.append(...entries);
  toggle.addEventListener('click', () => {
    if (!menu.hidden) {
      close(false);
      return;
    }
    menu.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    entries[0]?.focus();
  });
  menu.addEventListener('keydown', (event) => {
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape' || event.key === 'Tab') close(event.key === 'Escape');
    else if (event.key === 'ArrowDown') entries[(at + 1) % entries.length]?.focus();
    else if (event.key === 'ArrowUp') entries[(at - 1 + entries.length) % entries.length]?.focus();
    else return;
    if (event.key !== 'Tab') event.preventDefault();
    // The page's own Escape clears the filters: this one only closes the menu.
    event.stopPropagation();
  });
  document.addEventListener('pointerdown', (event) => {
    if (!(event.target instanceof Node) || !anchor.contains(event.target)) close(false);
  });
  anchor.append(toggle, menu);
  return anchor;
}
