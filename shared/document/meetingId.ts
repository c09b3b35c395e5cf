/**
 * Meeting ids: lowercase letters, digits and single hyphens, 3–64 characters, no leading or trailing
 * hyphen. Checked before an id reaches storage, a URL or a log line.
 */
import { newId } from './ids.js';

const MEETING_ID = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,62}[a-z0-9]$/;

/** True when `id` is a well-formed meeting id. */
export function isValidMeetingId(id: unknown): id is string {
  return typeof id === 'string' && MEETING_ID.test(id);
}

/**
 * A new meeting id that a person can read aloud: a slug of the title (at most 24 characters) and a
 * random suffix, e.g. `sec-23-k3x9q2`. The suffix makes ids unguessable enough to not collide.
 */
export function newMeetingId(title = ''): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/g, '');
  const suffix = newId(6);
  return slug ? `${slug}-${suffix}` : `meeting-${suffix}`;
}
