/**
 * The board's People tab (issue 24): the People panel, the chair's switch that lets the shared delegate
 * link queue and vote although people are registered (`meta.anonymousParticipation`), and speaking time.
 */
import type * as Y from 'yjs';
import { setMeta } from '../../../shared/document/meetingParts.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { PeoplePanel } from './PeoplePanel.js';
import { SpeakingTimePanel } from './SpeakingTimePanel.js';

export function PeopleTab({ run }: { run: (fn: (d: Y.Doc) => void) => void }) {
  const { meetingId, token, role, editable } = useMeetingContext();
  const meta = useMeta();
  return (
    <div className="people-tab">
      <PeoplePanel meetingId={meetingId} token={token} title={meta.title} canRotate={role === 'secretary'} />
      <section className="people-panel">
        <label>
          <input
            type="checkbox"
            data-field="anonymous-participation"
            checked={meta.anonymousParticipation === true}
            disabled={!editable || role !== 'chair'}
            onChange={(e) => run((d) => setMeta(d, { anonymousParticipation: e.target.checked }))}
          />{' '}
          Let the shared delegate link (the screen's QR code) ask for the floor and answer polls too
        </label>
        <p className="muted small">
          Off: once people are registered, only their own links queue and vote (one voice each); the shared link follows. {role === 'chair' ? '' : 'The chair sets this.'}
        </p>
      </section>
      <SpeakingTimePanel />
    </div>
  );
}
