/**
 * What the room may know of a meeting's registered people (issue 24): how many there are, and whether the
 * shared delegate link may still take part. The people themselves (names, e-mails, links) stay on the
 * server; the document holds only these counts (written by the server) and the chair's
 * `meta.anonymousParticipation`.
 */
import * as Y from 'yjs';
import { REGISTRATION_FIELDS, ROOT } from '../document/meetingSchema.js';

/** `meta.anonymousParticipation` alone (one map read, for every delegate request). */
export function readAnonymousParticipation(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(ROOT.meta).get('anonymousParticipation') === true;
}

export interface Registration {
  /** Registered people (0: nobody registered, the shared link takes part as before). */
  people: number;
  organisations: number;
}

const registrationMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.registration);
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/** The counts (zeros when the server never wrote them). */
export function readRegistration(doc: Y.Doc): Registration {
  const m = registrationMap(doc);
  return { people: count(m.get(REGISTRATION_FIELDS.people)), organisations: count(m.get(REGISTRATION_FIELDS.organisations)) };
}

/** Writes the counts (server only); no-op when unchanged. */
export function setRegistration(doc: Y.Doc, r: Registration): void {
  const m = registrationMap(doc);
  const now = readRegistration(doc);
  if (now.people === r.people && now.organisations === r.organisations) return;
  doc.transact(() => {
    m.set(REGISTRATION_FIELDS.people, r.people);
    m.set(REGISTRATION_FIELDS.organisations, r.organisations);
  });
}

/** Calls `changed` when the counts change; returns the stop. */
export function observeRegistration(doc: Y.Doc, changed: () => void): () => void {
  const m = registrationMap(doc);
  m.observe(changed);
  return () => m.unobserve(changed);
}

/** True when the meeting's shared delegate link may queue and vote: nobody registered, or the chair allows it. */
export function sharedLinkMayTakePart(registeredPeople: number, anonymousParticipation: boolean | undefined): boolean {
  return registeredPeople === 0 || anonymousParticipation === true;
}
