/**
 * The top of the follow view (FollowView.tsx) that sticks while the page scrolls: the meeting and its
 * session, the connection, the rooms to choose from, the banner, the break's countdown and the tabs.
 */
import type { Room } from '../../../shared/document/rooms.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion } from '../../sync/useMeeting.js';
import { ConnectionBadge } from '../common/ConnectionBadge.js';
import { BreakCountdownView } from '../clock/TimePanel.js';

export type FollowTab = 'meeting' | 'decisions';

export interface FollowHeaderProps {
  title: string;
  subtitle: string;
  rooms: Room[];
  room: string;
  onChoose: (id: string) => void;
  banner: string;
  tab: FollowTab;
  onTab: (tab: FollowTab) => void;
}

export function FollowHeader({ title, subtitle, rooms, room, onChoose, banner, tab, onTab }: FollowHeaderProps) {
  return (
    // Header, banner and tabs stick together: no gap whatever the header holds.
    <div className="follow-sticky">
      <header className="follow-top">
        <div className="follow-title">
          <strong>{title}</strong>
          {subtitle ? <span className="muted small">{subtitle}</span> : null}
        </div>
        <ConnectionBadge compact />
      </header>
      <RoomChooser rooms={rooms} room={room} onChoose={onChoose} />
      {banner ? (
        <div className="follow-banner" role="status">
          {banner}
        </div>
      ) : null}
      <BreakCountdownView className="follow-break" />
      <nav className="tabs follow-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'meeting'} className={tab === 'meeting' ? 'tab on' : 'tab'} onClick={() => onTab('meeting')}>
          Meeting
        </button>
        <button role="tab" aria-selected={tab === 'decisions'} className={tab === 'decisions' ? 'tab on' : 'tab'} onClick={() => onTab('decisions')}>
          Decisions
        </button>
      </nav>
    </div>
  );
}

/** What is live in every room, one button per room; the chosen one pressed. */
function RoomChooser({ rooms, room, onChoose }: { rooms: Room[]; room: string; onChoose: (id: string) => void }) {
  const { store } = useMeetingContext();
  useContentVersion(rooms.length > 1);
  if (rooms.length < 2) return null;
  return (
    <nav className="follow-rooms" aria-label="Rooms">
      {rooms.map((r) => {
        const item = r.live.agendaItemId ? store.agendaItem(r.live.agendaItemId) : undefined;
        const tdoc = r.live.contributionId ? store.contribution(r.live.contributionId) : undefined;
        const what = [item?.label, tdoc?.number].filter(Boolean).join(', ');
        return (
          <button
            key={r.id}
            className={`follow-room${r.id === room ? ' on' : ''}`}
            aria-pressed={r.id === room}
            data-room-choice={r.id}
            data-room-live={what}
            onClick={() => onChoose(r.id)}
          >
            {r.name}
            {what ? `: ${what}` : ''}
            <span className="muted small">{what ? (item?.title ?? '').slice(0, 40) : 'nothing live'}</span>
          </button>
        );
      })}
    </nav>
  );
}
