/**
 * What replacing a meeting's links does, in words (the admin page asks first and says it after, issue 25):
 * which links change, what happens to the pages open with them now, and what stays as it is. The facts:
 * a replaced link stops at once, and every page open with it is disconnected ("this link has been
 * revoked"); the others stay connected. The room screens' QR code is the delegates' link: when it is
 * replaced, the open screens are sent the new one and show it without a reload, and a screen opened
 * from an older screen link asks the server for the current one (their own links keep working).
 */
import type { Role } from '../route.js';

export type RotateChoice = Role | 'all';

export const ROTATE_ROLES: readonly Role[] = ['chair', 'secretary', 'delegate', 'screen'];

export interface RotationPlan {
  roles: Role[];
  /** Each link that changes. */
  changes: string[];
  /** What happens to the pages open now. */
  pages: string[];
  /** What stays as it is. */
  unchanged: string[];
  /** More than one link changes (several roles, or the screen links of several rooms). */
  plural: boolean;
}

const LINK: Record<Role, string> = { chair: "the chair's link", secretary: "the secretary's link", delegate: "the delegates' link", screen: '' };

function count(n: number | undefined, one: string, many: string): string {
  const k = n ?? 0;
  return `${k} ${k === 1 ? one : many}`;
}

function screenLinks(rooms: number, note = ''): string {
  return rooms > 1 ? `every room's screen link (${rooms} rooms${note ? `; ${note}` : ''})` : `the room screen's link${note ? ` (${note})` : ''}`;
}

/** The plan of replacing `choice`'s links, with `connected` pages per role now and `rooms` room screens. */
export function rotationPlan(choice: RotateChoice, connected: Partial<Record<Role, number>> = {}, rooms = 1): RotationPlan {
  const roles = choice === 'all' ? [...ROTATE_ROLES] : [choice];
  const has = (r: Role) => roles.includes(r);
  const changes: string[] = [];
  const pages: string[] = [];
  const unchanged: string[] = [];
  for (const r of ['chair', 'secretary'] as const) {
    if (!has(r)) continue;
    changes.push(LINK[r]);
    const boards = connected[r] ?? 0;
    pages.push(boards ? `${cap(count(boards, `${r} board`, `${r} boards`))} open now ${boards === 1 ? 'is' : 'are'} disconnected at once; open the new ${r} link there.` : `No ${r} board is open now.`);
  }
  if (has('delegate')) {
    changes.push(`${LINK.delegate}, and with it the QR code on ${rooms > 1 ? 'every room screen' : 'the room screen'}`);
    const phones = connected.delegate ?? 0;
    pages.push(
      phones
        ? `${cap(count(phones, 'delegate page', 'delegate pages'))} following now ${phones === 1 ? 'is' : 'are'} disconnected at once ("this link has been revoked"); delegates rejoin by scanning the screen's new QR code.`
        : 'No delegate is following with the delegates\' link now.',
    );
  }
  if (has('screen')) {
    changes.push(screenLinks(rooms));
    const screens = connected.screen ?? 0;
    pages.push(screens ? `${cap(count(screens, 'room screen', 'room screens'))} open now ${screens === 1 ? 'is' : 'are'} disconnected; open each room's new screen link on its projector.` : 'No room screen is open now.');
  } else if (has('delegate')) {
    const screens = connected.screen ?? 0;
    pages.push(
      screens
        ? `${cap(count(screens, 'room screen', 'room screens'))} open now stay${screens === 1 ? 's' : ''} connected and show${screens === 1 ? 's' : ''} the new QR code by ${screens === 1 ? 'itself' : 'themselves'}.`
        : 'A room screen opened later shows the new QR code.',
    );
  }
  for (const r of ['chair', 'secretary', 'delegate'] as const) if (!has(r)) unchanged.push(LINK[r]);
  if (!has('screen')) unchanged.push(screenLinks(rooms, has('delegate') ? (rooms > 1 ? 'the old ones keep working and show the new QR code' : 'the old one keeps working and shows the new QR code') : ''));
  return { roles, changes, pages, unchanged, plural: roles.length > 1 || (has('screen') && rooms > 1) };
}

/** The sentence after the replacement: what changed and what did not. */
export function rotationDone(plan: RotationPlan): string {
  const changed = `Replaced: ${list(plan.changes)}. The old ${plan.plural ? 'links no longer work' : 'link no longer works'}`;
  const who = `; pages open with ${plan.plural ? 'them' : 'it'} were disconnected`;
  const screens = plan.roles.includes('delegate') && !plan.roles.includes('screen') ? ' The open room screens show the new QR code by themselves.' : '';
  const rest = plan.unchanged.length ? ` Unchanged: ${list(plan.unchanged)}.` : '';
  return `${changed}${who}.${screens}${rest}`;
}

function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join('; ')}; and ${xs[xs.length - 1]}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

