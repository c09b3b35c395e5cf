import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';

/** The four roles of a meeting, what each may do, and which view its link opens (CONTRACT.md §3–4). */

export const ROLES = ['chair', 'secretary', 'delegate', 'screen'] as const;
export type Role = (typeof ROLES)[number];

/** The page each role's link opens: `/m/:id/VIEW`. */
export const ROLE_VIEWS = {
  chair: 'chair-board',
  secretary: 'secretary-board',
  delegate: 'delegate-follow',
  screen: 'screen-room',
} as const satisfies Record<Role, string>;

/** True for roles that may change the document. */
export function canWrite(role: Role): boolean {
  return role === 'chair' || role === 'secretary';
}

/** A role's link: `PUBLIC_URL/m/:id/ROLE-VIEW?token=T`. */
export function roleLink(publicUrl: string, meetingId: string, role: Role, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/m/${encodeURIComponent(meetingId)}/${ROLE_VIEWS[role]}?token=${encodeURIComponent(token)}`;
}

/**
 * The four links of a meeting. The screen's link also carries `&follow=` with the delegates' link (a
 * compatible extension of CONTRACT.md §3): the room's screen shows it as a QR code, and its own token
 * cannot open the delegates' view.
 */
export function roleLinks(publicUrl: string, meetingId: string, tokens: Record<Role, string>): Record<Role, string> {
  const links = Object.fromEntries(ROLES.map((r) => [r, roleLink(publicUrl, meetingId, r, tokens[r])])) as Record<Role, string>;
  links.screen += `&follow=${encodeURIComponent(links.delegate)}`;
  return links;
}

/**
 * The screen links of a meeting's rooms (issue 16), `{ roomId: link }`: the main room's is the screen link
 * itself; another room's is the screen link with `&room=ID`, which the screen view reads to show that
 * room's live pointer and banner.
 */
export function roomScreenLinks(screenLink: string, roomIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(roomIds.map((id) => [id, id === MAIN_ROOM ? screenLink : `${screenLink}&room=${encodeURIComponent(id)}`]));
}
