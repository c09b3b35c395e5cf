/**
 * The secretary's quick entry of a position, as said in the room or read on the reflector: "Ericsson
 * objects: needs study", "Nokia supports", "Huawei has concerns - needs more time", "Apple abstains",
 * "Qualcomm: support, with the editor's note". Only what the secretary types: no position is ever
 * inferred from an e-mail's prose.
 */
import type { Stance } from '../document/meetingSchema.js';
import { POSITION_LIMITS, cleanOrganisation } from './positionLedger.js';

/** What a line says, or why it says nothing usable. */
export type QuickEntry = { ok: true; organisation: string; stance: Stance; comment: string } | { ok: false; error: string };

/** The words of each stance, longest first where one starts another. */
const WORDS: [RegExp, Stance][] = [
  [/^(?:supports?|supported|supporting|in support|agrees?|ok)$/i, 'support'],
  [/^(?:objects?|objected|objecting|objection|opposes?|against)$/i, 'object'],
  [/^(?:has concerns?|have concerns?|concerns?|concerned|raises? (?:a )?concerns?)$/i, 'concern'],
  [/^(?:abstains?|abstained|abstaining|abstention|neutral)$/i, 'abstain'],
];

const VERB = String.raw`(supports?|supported|supporting|in support|agrees?|ok|objects?|objected|objecting|objection|opposes?|against|has concerns?|have concerns?|concerns?|concerned|raises? (?:a )?concerns?|abstains?|abstained|abstaining|abstention|neutral)`;
/** "Ericsson objects: needs study", "Ericsson objects - needs study", "Ericsson objects, needs study". */
const SPOKEN = new RegExp(String.raw`^(.+?)\s+${VERB}\b\s*(?:[:,;.\u2013\u2014-]+\s*)?(.*)$`, 'i');
/** "Ericsson: object, needs study". */
const LABELLED = new RegExp(String.raw`^(.+?)\s*:\s*${VERB}\b\s*(?:[:,;.\u2013\u2014-]+\s*)?(.*)$`, 'i');

/** The stance a word names, if any. */
export function stanceOfWord(word: string): Stance | undefined {
  const w = word.trim().replace(/\s+/g, ' ');
  return WORDS.find(([re]) => re.test(w))?.[1];
}

/** Reads one quick-entry line. */
export function parseQuickEntry(line: string): QuickEntry {
  const text = line.replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, error: 'type an organisation and its position, e.g. "Ericsson objects: needs study"' };
  const m = LABELLED.exec(text) ?? SPOKEN.exec(text);
  const stance = m ? stanceOfWord(m[2]) : undefined;
  if (!m || !stance) return { ok: false, error: 'say supports, objects, has concerns or abstains, e.g. "Ericsson objects: needs study"' };
  const organisation = cleanOrganisation(m[1].replace(/[:,;]+$/, ''));
  if (!organisation) return { ok: false, error: 'the organisation is missing' };
  if (organisation.length > POSITION_LIMITS.maxOrganisation) return { ok: false, error: `the organisation is longer than ${POSITION_LIMITS.maxOrganisation} characters` };
  const comment = m[3].trim();
  if (comment.length > POSITION_LIMITS.maxComment) return { ok: false, error: `the comment is longer than ${POSITION_LIMITS.maxComment} characters` };
  return { ok: true, organisation, stance, comment };
}

/** How a stance reads after an organisation's name: "supports", "objects", "has concerns", "abstains". */
export const STANCE_VERBS: Record<Stance, string> = { support: 'supports', object: 'objects', concern: 'has concerns', abstain: 'abstains' };
