/**
 * The secretary's keyboard: which key does what on the board. Pure, so it is tested without a browser, and
 * the same table is shown in the page (KEY_HELP).
 */

/** Status keys: the common decisions, by status id. A key whose status the meeting lacks does nothing. */
export const STATUS_KEYS: Record<string, string> = {
  a: 'agreed',
  v: 'approved',
  e: 'endorsed',
  n: 'noted',
  p: 'postponed',
  w: 'withdrawn',
  t: 'not-treated',
  u: 'available',
};

export type BoardAction =
  | { type: 'move'; by: number }
  | { type: 'shift'; by: -1 | 1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'status'; status: string }
  | { type: 'revise' }
  | { type: 'live' }
  | { type: 'search' }
  | { type: 'toggle' }
  | { type: 'notes' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'escape' }
  | { type: 'help' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/**
 * The action for a key press, or null. `inField` is true when the focus is in a text field or a select:
 * there only Escape (back to the list) counts, so typing is never taken for a command.
 */
export function keyToAction(e: KeyInput, inField: boolean): BoardAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape') return { type: 'escape' };
  if (inField) return null;
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (k === 'y') return { type: 'redo' };
    return null;
  }
  if (e.altKey) {
    if (e.key === 'ArrowUp' || e.key === 'k') return { type: 'shift', by: -1 };
    if (e.key === 'ArrowDown' || e.key === 'j') return { type: 'shift', by: 1 };
    return null;
  }
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'PageDown':
      return { type: 'move', by: 15 };
    case 'PageUp':
      return { type: 'move', by: -15 };
    case 'g':
    case 'Home':
      return { type: 'first' };
    case 'G':
    case 'End':
      return { type: 'last' };
    case '/':
      return { type: 'search' };
    case 'l':
      return { type: 'live' };
    case 'r':
      return { type: 'revise' };
    case 'Enter':
      return { type: 'notes' };
    case ' ':
    case 'o':
      return { type: 'toggle' };
    case '?':
      return { type: 'help' };
  }
  const status = STATUS_KEYS[e.key];
  return status ? { type: 'status', status } : null;
}

/** The keys as shown in the page, in the order a secretary needs them. */
export const KEY_HELP: readonly [string, string][] = [
  ['j / k', 'next / previous row'],
  ['Alt+↑ / ↓', 'move row'],
  ['a', 'agreed'],
  ['v', 'approved'],
  ['n', 'noted'],
  ['e', 'endorsed'],
  ['p', 'postponed'],
  ['w', 'withdrawn'],
  ['t', 'not treated'],
  ['u', 'available again'],
  ['r', 'revise'],
  ['l', 'set live'],
  ['Enter', 'notes'],
  ['o', 'fold item'],
  ['/', 'search'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z', 'redo'],
];
