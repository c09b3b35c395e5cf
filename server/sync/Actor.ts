/**
 * Who a change is made for, as the server attests it in the record: the role and public token id of the
 * link that asked, and the name it gave. A change the server applies on someone's behalf (a delegate's
 * queue or ballot request, a merge through the API, a number handed out) runs in a transaction whose
 * origin is a ServerActor; the room's recorder (RoomRecorder.ts) writes its fields into the record.
 *
 * One typed value from the service to the record: a later field (a registered person's id) is added here
 * and in the record, and the services that build actors pass it on.
 */

/** What the record says of who made a change. */
export interface Actor {
  /** Role of the token that asked ('chair', 'secretary', 'delegate', ...), or 'admin' / 'server'. */
  readonly role: string;
  /** Public id of that token (tokens.ts tokenIdOf); '' when no token asked. */
  readonly tokenId: string;
  /** The name the request or the connection gave (claimed, not verified), or ''. */
  readonly name: string;
}

/** Longest name kept in the record. */
export const MAX_ACTOR_NAME = 100;

/** The origin of a transaction the server makes on someone's behalf: recorded with these fields. */
export class ServerActor implements Actor {
  readonly name: string;

  constructor(
    readonly role: string,
    readonly tokenId = '',
    name = '',
  ) {
    this.name = name.slice(0, MAX_ACTOR_NAME);
  }

  /** The origin for an actor given as plain fields. */
  static of(actor: Actor): ServerActor {
    return actor instanceof ServerActor ? actor : new ServerActor(actor.role, actor.tokenId, actor.name);
  }
}
