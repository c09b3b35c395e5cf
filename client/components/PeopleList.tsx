/** Who is connected: editors by name and colour, read-only viewers counted. */
import { usePeople } from '../sync/usePresence.js';
import { initials } from './BoardRows.js';
import { inkOn } from '../model/contrast.js';

/** Initials of the editors (click your own to rename) and counts of followers and screens. */
export function PeopleList({ onRename }: { onRename?: () => void }) {
  const people = usePeople();
  const editors = people.filter((p) => p.role === 'chair' || p.role === 'secretary');
  const delegates = people.filter((p) => p.role === 'delegate').length;
  const screens = people.filter((p) => p.role === 'screen').length;
  return (
    <div className="people" aria-label="Who is connected">
      {editors.map((p) => (
        <span
          key={p.clientId}
          className={`person${p.self ? ' self' : ''}`}
          style={{ background: p.color, color: inkOn(p.color) }}
          title={`${p.name} (${p.role})${p.self ? ' — you; click to change your name' : ''}`}
          onClick={p.self ? onRename : undefined}
          data-person={p.name}
        >
          {initials(p.name)}
        </span>
      ))}
      {delegates ? <span className="muted small">{delegates} following</span> : null}
      {screens ? <span className="muted small">{screens} screen{screens > 1 ? 's' : ''}</span> : null}
    </div>
  );
}
