/**
 * One voice each (issue 24): who a queue or poll request speaks for, decided from the link's token alone.
 *
 * - A person's own link speaks for that person: the queue entry and the ballot carry their registered name
 *   and organisation whatever the request says; one waiting entry per person and one ballot per person
 *   per poll (or one per organisation in a "one per company" poll, the latest of its people's counting),
 *   however many browsers or browser ids they use. The record names them (role `person`).
 * - The shared delegate link (the room's QR code) speaks for a browser, as before (issue 15), only while
 *   the meeting has nobody registered or the chair allows anonymous participation
 *   (`meta.anonymousParticipation`); otherwise it follows and is refused with 403.
 *
 * The tags are HMACs under the data folder's participation key (ParticipationService.tag), so the
 * document never holds a person id, and a person's tags are unrelated to any browser's.
 */
import { personKey } from '../../shared/formats/registrationList.js';
import { sharedLinkMayTakePart } from '../../shared/participation/registration.js';
import { HttpError } from '../http/httpUtil.js';
import { ServerActor } from '../sync/RoomRecorder.js';

/** The person a person's link names (MeetingCatalog's TokenPerson). */
export interface VoicePerson {
  id: string;
  name: string;
  organisation: string;
}

export type Voice =
  | { kind: 'person'; person: VoicePerson; tokenId: string }
  | { kind: 'browser'; participant: string };

type Tag = (...parts: string[]) => string;

/** The owner tag of a voice's queue entry in a meeting. */
export function queueOwner(tag: Tag, meetingId: string, voice: Voice): string {
  return voice.kind === 'person' ? tag('queue', meetingId, 'person', voice.person.id) : tag('queue', meetingId, voice.participant);
}

/**
 * The key a voice's ballot is kept under in a poll: per person, per organisation in a "one per company"
 * poll (a person without an organisation counts alone), per browser for the shared link.
 */
export function ballotKey(tag: Tag, meetingId: string, pollId: string, voice: Voice, perOrganisation: boolean): string {
  if (voice.kind === 'browser') return tag('poll', meetingId, pollId, voice.participant);
  const org = personKey(voice.person.organisation);
  if (perOrganisation && org) return tag('poll', meetingId, pollId, 'organisation', org);
  return tag('poll', meetingId, pollId, 'person', voice.person.id);
}

/** Refuses the shared link's request in a meeting whose registered people speak with their own links. */
export function assertMayTakePart(voice: Voice, registeredPeople: number, anonymousParticipation: boolean | undefined): void {
  if (voice.kind === 'person' || sharedLinkMayTakePart(registeredPeople, anonymousParticipation)) return;
  throw new HttpError(403, "this meeting's delegates take part with their own links: this shared link only follows (ask the secretary for your link)");
}

/** Refuses a browser's ballot in a "one per company" poll: only registered people's organisations count. */
export function assertMayAnswer(voice: Voice, perOrganisation: boolean): void {
  if (voice.kind === 'browser' && perOrganisation) throw new HttpError(409, 'this poll counts one answer per organisation: answer from your own link');
}

/** The record's actor of a request (a person's write names them; a browser's is the server's). */
export function actorOf(voice: Voice): ServerActor | undefined {
  return voice.kind === 'person' ? new ServerActor('person', voice.tokenId, voice.person.name) : undefined;
}
