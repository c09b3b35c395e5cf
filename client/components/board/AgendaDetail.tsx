/** The side panel of one agenda item: its number, title and shared notes, and the tree edits. */
import { addAgendaItem, deleteAgendaItem, moveAgendaItem, updateAgendaItem } from '../../../shared/document/agendaOps.js';
import { addContribution } from '../../../shared/document/contributionOps.js';
import { setLiveOf } from '../../../shared/document/rooms.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useAgendaItem, useLive, useMeetingIndex } from '../../sync/useMeeting.js';
import { NotesField } from '../common/NotesField.js';
import { RecordLink } from '../record/RecordLink.js';
import { FieldInput } from '../common/FieldInput.js';
import { AlsoHere, type DetailProps } from './ContributionDetail.js';
import { UNALLOCATED } from '../../model/boardRows.js';

/** Side panel of the selected agenda item. */
export function AgendaDetail({ id, run, onSelect }: DetailProps) {
  const { editable } = useMeetingContext();
  const item = useAgendaItem(id);
  const index = useMeetingIndex();
  const live = useLive();
  const room = useRoomId();
  if (id === UNALLOCATED) {
    return (
      <div className="detail">
        <div className="detail-head">
          <span className="detail-kind">Not allocated</span>
        </div>
        <p className="muted">Contributions without an agenda item. Pick one in a contribution's panel to move it.</p>
      </div>
    );
  }
  if (!item) return <p className="muted">This agenda item was deleted.</p>;
  const node = index.agenda.find((n) => n.item.id === id);
  const parentId = node?.parentId ?? null;
  const sibs = index.agenda.filter((n) => n.parentId === parentId).map((n) => n.item.id);
  const pos = sibs.indexOf(id);
  const grandParent = parentId ? (index.agenda.find((n) => n.item.id === parentId)?.parentId ?? null) : null;
  const tdocs = index.byItem.get(id) ?? [];

  return (
    <div className="detail" aria-label={`Agenda item ${item.label}`}>
      <div className="detail-head">
        <span className="detail-kind">Agenda item</span>
        {live.agendaItemId === id ? <span className="live-tag">LIVE</span> : null}
        <AlsoHere rowId={`item:${id}`} />
      </div>
      {item.label ? <RecordLink item={item.label} /> : null}
      <div className="detail-row">
        <label className="narrow">
          Number
          <FieldInput value={item.label} disabled={!editable} onCommit={(v) => run((d) => updateAgendaItem(d, id, { label: v.trim() }))} />
        </label>
        <label>
          Title
          <FieldInput value={item.title} disabled={!editable} onCommit={(v) => run((d) => updateAgendaItem(d, id, { title: v }))} />
        </label>
      </div>
      <NotesField kind="agenda" id={id} plain={item.notes} hint="shared" placeholder="Chair's remarks, discussion…" />
      <NotesField
        kind="agenda"
        id={id}
        field="conclusion"
        label="Conclusion"
        plain={item.conclusion ?? ''}
        hint="on the screen while live, in the report"
        placeholder="e.g. CRs 0094R02 and 0065R06 agreed; 0098R02 noted"
      />
      {editable ? (
        <>
          <div className="buttons">
            <button onClick={() => run((d) => setLiveOf(d, room, { agendaItemId: id, contributionId: null }))}>
              Set live <kbd>l</kbd>
            </button>
            <button
              onClick={() =>
                run((d) => onSelect(addContribution(d, { number: nextNumber(tdocs.length), agendaItemId: id }, tdocs.at(-1))))
              }
            >
              + Contribution
            </button>
            <button onClick={() => run((d) => onSelect(`item:${addAgendaItem(d, { parentId: id, label: `${item.label}.`, title: 'New item' })}`))}>
              + Sub-item
            </button>
            <button onClick={() => run((d) => onSelect(`item:${addAgendaItem(d, { parentId, label: '', title: 'New item' }, id)}`))}>
              + Item after
            </button>
          </div>
          <div className="buttons">
            <button disabled={pos <= 0} onClick={() => run((d) => moveAgendaItem(d, id, parentId, pos > 1 ? sibs[pos - 2] : null))}>
              Move up
            </button>
            <button disabled={pos < 0 || pos >= sibs.length - 1} onClick={() => run((d) => moveAgendaItem(d, id, parentId, sibs[pos + 1]))}>
              Move down
            </button>
            <button disabled={pos <= 0} onClick={() => run((d) => moveAgendaItem(d, id, sibs[pos - 1]))} title="Make it a sub-item of the item above">
              Indent
            </button>
            <button disabled={parentId === null} onClick={() => run((d) => moveAgendaItem(d, id, grandParent, parentId))}>
              Outdent
            </button>
            <button
              className="danger"
              onClick={() => {
                if (confirm(`Delete item ${item.label} ${item.title}? Its sub-items and contributions move up one level.`)) {
                  run((d) => deleteAgendaItem(d, id));
                }
              }}
            >
              Delete
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

function nextNumber(count: number): string {
  return `NEW-${String(count + 1).padStart(3, '0')}`;
}
