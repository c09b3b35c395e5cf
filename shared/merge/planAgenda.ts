/**
 * The import merge's first phase (importMerge.ts): the file's agenda items matched to the meeting's by
 * number (label), new ones added under their parents, matched ones three-way merged field by field.
 */
import type * as Y from 'yjs';
import type { AgendaItem } from '../document/meetingSchema.js';
import { IMPORT_BASE_KEY } from '../document/meetingSchema.js';
import { readAll } from '../document/entityStore.js';
import { agendaPreorder } from '../document/agendaTree.js';
import { addAgendaItem, moveAgendaItem, updateAgendaItem } from '../document/agendaOps.js';
import { MeetingOpError } from '../document/entityOps.js';
import { newId } from '../document/ids.js';
import { type FieldValue, readBase, writeBase } from './importBase.js';
import { agendaValues, decide } from './mergeFields.js';
import type { AgendaField, FieldChange, MergeContext, Op } from './mergeTypes.js';

/** What the later phases need of the agenda's. */
export interface AgendaPlan {
  /** File item id → the document's item id (existing or planned). */
  itemId: Map<string, string>;
  /** The document's items' numbers (trimmed) by id, as they were before the merge. */
  docItemLabel: Map<string, string>;
}

/** Where the agenda phase is, item by item in the file's order. */
interface AgendaWalk {
  docItemsById: Map<string, AgendaItem>;
  /** Labels of the items this merge adds, by their planned id. */
  addedLabels: Map<string, string>;
  /** File item id → the document's item id (existing or planned). */
  itemId: Map<string, string>;
  /** Parent (the document's id, null at the top) → its last child met so far. */
  lastChildOf: Map<string | null, string>;
}

/** Plans the agenda items: each of the file's matched (and merged) or added. */
export function planAgenda(ctx: MergeContext): AgendaPlan {
  const docItems = agendaPreorder(readAll(ctx.doc, 'agenda')).map((n) => n.item);
  const byLabel = new Map<string, AgendaItem[]>();
  for (const a of docItems) {
    const l = a.label.trim();
    byLabel.set(l, [...(byLabel.get(l) ?? []), a]);
  }
  const used = new Set<string>();
  const walk: AgendaWalk = {
    docItemsById: new Map(docItems.map((a) => [a.id, a])),
    addedLabels: new Map(),
    itemId: new Map(),
    lastChildOf: new Map(),
  };
  for (const a of ctx.imported.agenda) {
    const label = a.label.trim();
    const match = (byLabel.get(label) ?? []).find((x) => !used.has(x.id) && (label !== '' || x.title.trim() === a.title.trim()));
    const parent = a.parentId ? (walk.itemId.get(a.parentId) ?? null) : null;
    if (match) {
      used.add(match.id);
      planMatchedItem(ctx, walk, a, match, parent);
    } else planNewItem(ctx, walk, a, parent);
  }
  return { itemId: walk.itemId, docItemLabel: new Map(docItems.map((a) => [a.id, a.label.trim()])) };
}

/** A file item that matched the meeting's `match`: moved under its parent the first time, merged field by field. */
function planMatchedItem(ctx: MergeContext, walk: AgendaWalk, a: AgendaItem, match: AgendaItem, parent: string | null): void {
  const { doc, summary, ops } = ctx;
  const label = a.label.trim();
  walk.itemId.set(a.id, match.id);
  const previousSibling = walk.lastChildOf.get(parent);
  walk.lastChildOf.set(parent, match.id);
  const key = IMPORT_BASE_KEY.agendaItem(ctx.kind, match.id);
  const base = readBase(doc, 'agendaItem', key);
  const fill = !base;
  const values = agendaValues(a);
  const changes: FieldChange[] = [];
  const record: Record<string, FieldValue> = {};
  // Structure the meeting lacks: an item at the top level (a flat Tdoc list's) goes under the parent
  // the agenda gives it, the first time a file of this kind comes in.
  const moveUnder = fill && match.parentId === null && parent !== null && parent !== match.id ? parent : undefined;
  if (moveUnder !== undefined) {
    const parentLabel = walk.docItemsById.get(moveUnder)?.label ?? walk.addedLabels.get(moveUnder) ?? '';
    changes.push({ field: 'parent', from: '', to: parentLabel.trim() });
    ops.push(moveUnderOp(doc, match.id, moveUnder, previousSibling));
  }
  for (const [field, fileValue] of Object.entries(values) as [AgendaField, string][]) {
    const plenary = match[field] ?? '';
    const d = decide(fileValue, plenary, base, field, fill);
    if (d === 'apply') changes.push({ field, from: plenary, to: fileValue });
    if (d === 'conflict') summary.conflicts.push({ kind: 'agendaItem', id: match.id, label, field, plenary, file: fileValue });
    else record[field] = fileValue;
  }
  if (changes.length) {
    summary.updated.push({ kind: 'agendaItem', id: match.id, label, fields: changes });
    const patch = Object.fromEntries(changes.filter((c) => c.field !== 'parent').map((c) => [c.field, c.to as string]));
    ops.push(() => updateAgendaItem(doc, match.id, patch));
  } else if (!summary.conflicts.some((c) => c.id === match.id)) summary.unchanged++;
  ops.push(() => writeBase(doc, 'agendaItem', key, record));
}

/** Moves item `id` under `parent`, after `after` if that is still there. */
function moveUnderOp(doc: Y.Doc, id: string, parent: string, after: string | undefined): Op {
  return () => {
    try {
      moveAgendaItem(doc, id, parent, after);
    } catch (e) {
      if (!(e instanceof MeetingOpError)) throw e;
      // A sibling moved elsewhere meanwhile (or a cycle): last under the parent, or left where it is.
      try {
        moveAgendaItem(doc, id, parent);
      } catch (again) {
        if (!(again instanceof MeetingOpError)) throw again;
      }
    }
  };
}

/** A file item the meeting does not have: added under its parent, after the sibling it follows in the file. */
function planNewItem(ctx: MergeContext, walk: AgendaWalk, a: AgendaItem, parent: string | null): void {
  const { doc, kind } = ctx;
  const label = a.label.trim();
  const id = newId();
  walk.itemId.set(a.id, id);
  walk.addedLabels.set(id, label);
  const after = walk.lastChildOf.has(parent) ? walk.lastChildOf.get(parent) : undefined;
  walk.lastChildOf.set(parent, id);
  ctx.summary.added.push({ kind: 'agendaItem', id, label, title: a.title });
  ctx.ops.push(() => {
    const item = { id, parentId: parent, label: a.label, title: a.title, ...agendaValues(a), notes: a.notes, presenters: a.presenters, documents: a.documents };
    try {
      addAgendaItem(doc, item, after);
    } catch (e) {
      // The item it followed in the file was moved elsewhere in Plenary: last among its siblings.
      if (!(e instanceof MeetingOpError) || after === undefined) throw e;
      addAgendaItem(doc, item);
    }
    writeBase(doc, 'agendaItem', IMPORT_BASE_KEY.agendaItem(kind, id), agendaValues(a));
  });
}
