/** The column beside the chair's and secretary's board: the speaker queue above the show of hands. */
import { useState } from 'react';
import * as Y from 'yjs';
import { SpeakerQueuePanel } from './SpeakerQueuePanel.js';
import { HandsPanel } from './HandsPanel.js';
import { useParticipation } from '../../sync/participation.js';
import './participation.css';

const KEY = 'plenary:floor-side';

export function FloorSide({ run }: { run: (fn: (d: Y.Doc) => void) => void }) {
  const [shown, setShown] = useState(() => {
    try {
      return localStorage.getItem(KEY) !== 'hidden';
    } catch {
      return true;
    }
  });
  const { queue } = useParticipation();
  const toggle = () => {
    setShown(!shown);
    try {
      localStorage.setItem(KEY, shown ? 'hidden' : 'shown');
    } catch {
      // Remembered for this page only.
    }
  };
  return (
    <aside className={`floor-side${shown ? '' : ' folded'}`} aria-label="Speakers and show of hands">
      <button className="floor-fold" onClick={toggle} title={shown ? 'Hide the speaker queue' : 'Show the speaker queue'}>
        {shown ? '⟩' : `⟨ Speakers${queue.length ? ` (${queue.length})` : ''}`}
      </button>
      {shown ? (
        <div className="floor-side-body">
          <SpeakerQueuePanel run={run} />
          <HandsPanel run={run} />
        </div>
      ) : null}
    </aside>
  );
}
