/** A small meeting document for client tests, built through the shared accessors. */
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { setMeta } from '../../shared/document/meetingParts.js';

export interface Fixture {
  doc: Y.Doc;
  items: { opening: string; security: string; keys: string; misc: string };
  tdocs: Record<string, string>;
}

/** 1 Opening; 2 Security with 2.1 Keys under it; 3 Misc. Five contributions. */
export function meetingFixture(): Fixture {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SEC 23' });
  const opening = addAgendaItem(doc, { label: '1', title: 'Opening' });
  const security = addAgendaItem(doc, { label: '2', title: 'Security' });
  const keys = addAgendaItem(doc, { label: '2.1', title: 'Key derivation', parentId: security });
  const misc = addAgendaItem(doc, { label: '3', title: 'Misc' });
  const tdocs: Record<string, string> = {};
  const add = (number: string, title: string, source: string, agendaItemId: string) => {
    tdocs[number] = addContribution(doc, { number, title, source, agendaItemId });
  };
  add('SEC-2016-0090', 'Agenda', 'Chair', opening);
  add('SEC-2016-0094R02', 'Role based access control', 'Datang', security);
  add('SEC-2016-0098', 'Token structure', 'Datang', security);
  add('SEC-2016-0091', 'Certificate enrolment', 'Qualcomm', keys);
  add('SEC-2016-0092', 'Usage-constrained key derivation', 'Qualcomm', keys);
  return { doc, items: { opening, security, keys, misc }, tdocs };
}

/** Sends everything `from` has that `to` lacks (one direction of a sync). */
export function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}
