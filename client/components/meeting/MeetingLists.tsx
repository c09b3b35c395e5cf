/** The board's other tabs: the week's sessions, action items, draft deliverables and objectives. */
import * as Y from 'yjs';
import { addListEntry, addSession, deleteListEntry, deleteSession, moveListEntry, updateListEntry, updateSession, type FlatKind } from '../../../shared/document/listOps.js';
import { setLiveOf } from '../../../shared/document/rooms.js';
import { useRoomId } from '../../sync/RoomContext.js';
import type { Action, Deliverable, EntityOf, Objective, Session } from '../../../shared/document/meetingSchema.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useList, useLive, useMeetingIndex, useMeta } from '../../sync/useMeeting.js';
import { labelsOf, resolveLabels } from '../../model/sessionItems.js';
import { FieldInput } from '../common/FieldInput.js';
import { ListPanel } from './ListPanel.js';

type Run = (fn: (d: Y.Doc) => void) => void;

/**
 * What a ListPanel of a hand-ordered list does: add (after the last entry), edit, delete, move, each
 * one change of the shared document.
 */
function listHandlers<K extends FlatKind>(kind: K, entries: readonly EntityOf[K][], run: Run, fresh: () => Partial<Omit<EntityOf[K], 'rank'>>) {
  return {
    onAdd: () => run((d) => addListEntry(d, kind, fresh(), entries.at(-1)?.id)),
    onUpdate: (id: string, patch: Partial<EntityOf[K]>) => run((d) => updateListEntry(d, kind, id, patch)),
    onDelete: (id: string) => run((d) => deleteListEntry(d, kind, id)),
    onMove: (id: string, after: string | null) => run((d) => moveListEntry(d, kind, id, after)),
  };
}

/** The week's sessions; one can be set live. */
export function SessionsPanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const sessions = useList('sessions');
  const live = useLive();
  const room = useRoomId();
  const meta = useMeta();
  const { agenda } = useMeetingIndex();
  const items = agenda.map((n) => n.item);
  const setItems = (id: string, text: string) =>
    run((d) => {
      const { ids, unknown } = resolveLabels(text, items);
      if (unknown.length) throw new Error(`no agenda item numbered ${unknown.map((l) => `"${l}"`).join(', ')}`);
      updateSession(d, id, { agendaItemIds: ids });
    });
  return (
    <ListPanel<Session>
      title="Sessions"
      hint="The week's schedule. The live session shows on the room's screen."
      entries={sessions}
      editable={editable}
      addLabel="Session"
      onAdd={() => run((d) => addSession(d, { date: meta.startDate, start: '09:00', end: '10:30', code: `S${sessions.length + 1}`, title: 'New session' }))}
      onUpdate={(id, patch) => run((d) => updateSession(d, id, patch))}
      onDelete={(id) => run((d) => deleteSession(d, id))}
      rowClass={(s) => (live.sessionId === s.id ? 'live' : '')}
      extra={(s) =>
        editable ? (
          <button
            className={`small-btn${live.sessionId === s.id ? ' on' : ''}`}
            onClick={() => run((d) => setLiveOf(d, room, { sessionId: live.sessionId === s.id ? null : s.id }))}
          >
            {live.sessionId === s.id ? 'Live' : 'Set live'}
          </button>
        ) : live.sessionId === s.id ? (
          <span className="live-tag">LIVE</span>
        ) : null
      }
      columns={[
        { key: 'code', title: 'Code', width: '5em' },
        { key: 'date', title: 'Date', width: '8.5em', placeholder: 'YYYY-MM-DD' },
        { key: 'start', title: 'Start', width: '5em', placeholder: 'HH:MM' },
        { key: 'end', title: 'End', width: '5em', placeholder: 'HH:MM' },
        { key: 'room', title: 'Room', width: '10em' },
        { key: 'title', title: 'Title', width: 'minmax(10em, 1fr)' },
        {
          key: 'agendaItemIds',
          title: 'Items',
          width: '7em',
          render: (s) => (
            <FieldInput
              aria-label={`Items of ${s.code || s.title}`}
              title="Agenda items of this session, by number: 5.1, 5.2"
              placeholder="5.1, 5.2"
              value={labelsOf(s.agendaItemIds, items)}
              disabled={!editable}
              onCommit={(v) => setItems(s.id, v)}
            />
          ),
        },
        { key: 'agendaNote', title: 'Agenda', width: 'minmax(10em, 1.4fr)', multiline: true },
      ]}
    />
  );
}

/** Action items with open/closed status, the agenda item each came from and when it is due. */
export function ActionsPanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const actions = useList('actions');
  const { agenda } = useMeetingIndex();
  return (
    <ListPanel<Action>
      title="Action items"
      entries={actions}
      editable={editable}
      addLabel="Action"
      {...listHandlers('actions', actions, run, () => ({ ref: `A${actions.length + 1}`, what: '' }))}
      rowClass={(a) => (a.status === 'closed' ? 'done' : '')}
      columns={[
        { key: 'ref', title: 'Ref', width: '11em' },
        { key: 'what', title: 'What', width: 'minmax(12em, 2fr)', multiline: true },
        { key: 'who', title: 'Who', width: 'minmax(8em, 1fr)' },
        {
          key: 'agendaItemId',
          title: 'Item',
          width: 'minmax(6em, 0.8fr)',
          render: (a) => (
            <select
              aria-label={`Agenda item of action ${a.ref}`}
              data-field="action-item"
              value={a.agendaItemId ?? ''}
              disabled={!editable}
              onChange={(e) => run((d) => updateListEntry(d, 'actions', a.id, { agendaItemId: e.target.value }))}
            >
              <option value="">—</option>
              {agenda.map((n) => (
                <option key={n.item.id} value={n.item.id}>
                  {[n.item.label, n.item.title].filter(Boolean).join(' ').slice(0, 60)}
                </option>
              ))}
            </select>
          ),
        },
        {
          key: 'due',
          title: 'Due',
          width: '9.5em',
          render: (a) => (
            <input
              type="date"
              aria-label={`Due date of action ${a.ref}`}
              data-field="action-due"
              value={a.due ?? ''}
              disabled={!editable}
              onChange={(e) => run((d) => updateListEntry(d, 'actions', a.id, { due: e.target.value }))}
            />
          ),
        },
        {
          key: 'status',
          title: 'Status',
          width: '7em',
          render: (a) => (
            <select
              aria-label={`Status of action ${a.ref}`}
              value={a.status}
              disabled={!editable}
              onChange={(e) => run((d) => updateListEntry(d, 'actions', a.id, { status: e.target.value as Action['status'] }))}
            >
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </select>
          ),
        },
        { key: 'notes', title: 'Notes', width: 'minmax(10em, 1.5fr)', multiline: true },
      ]}
    />
  );
}

/** Draft deliverables in their order. */
export function DeliverablesPanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const list = useList('deliverables');
  return (
    <ListPanel<Deliverable>
      title="Draft deliverables"
      entries={list}
      editable={editable}
      addLabel="Deliverable"
      {...listHandlers('deliverables', list, run, () => ({ name: 'New deliverable' }))}
      columns={[
        { key: 'name', title: 'Name', width: 'minmax(12em, 2fr)' },
        { key: 'version', title: 'Version', width: '7em' },
        { key: 'reference', title: 'Reference', width: 'minmax(8em, 1fr)' },
        { key: 'note', title: 'Note', width: 'minmax(10em, 1.5fr)', multiline: true },
      ]}
    />
  );
}

/** The meeting's objectives in their order. */
export function ObjectivesPanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const list = useList('objectives');
  return (
    <ListPanel<Objective>
      title="Objectives"
      hint="What the meeting means to achieve."
      entries={list}
      editable={editable}
      addLabel="Objective"
      {...listHandlers('objectives', list, run, () => ({ text: '' }))}
      columns={[{ key: 'text', title: 'Objective', width: '1fr', multiline: true }]}
    />
  );
}
