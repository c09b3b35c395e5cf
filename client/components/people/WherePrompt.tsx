/**
 * On a person's own link (issue 24): who this link is (their registered name and organisation) and, once,
 * "Are you in the room or remote?" so their attendance says where. The answer is kept on this phone
 * (asked again on another) and on the server, where the secretary can change it.
 */
import { useEffect, useState } from 'react';
import { fetchSelf, sendWhere } from './peopleApi.js';
import './people.css';

const askedKey = (meetingId: string, personId: string) => `plenary:where:${meetingId}:${personId}`;

export function WherePrompt({ meetingId, token }: { meetingId: string; token: string }) {
  const [me, setMe] = useState<Awaited<ReturnType<typeof fetchSelf>>>(null);
  const [asked, setAsked] = useState(true);
  useEffect(() => {
    let alive = true;
    void fetchSelf(meetingId, token).then((p) => {
      if (!alive || !p) return;
      setMe(p);
      let done = !!p.where;
      try {
        done ||= localStorage.getItem(askedKey(meetingId, p.id)) !== null;
      } catch {
        // Storage disabled: ask on this page.
      }
      setAsked(done);
    });
    return () => {
      alive = false;
    };
  }, [meetingId, token]);
  if (!me) return null;
  const answer = (where: 'room' | 'remote') => {
    setAsked(true);
    try {
      localStorage.setItem(askedKey(meetingId, me.id), where);
    } catch {
      // Asked again next time: no harm.
    }
    void sendWhere(meetingId, token, where).then(() => setMe({ ...me, where }), () => setAsked(false));
  };
  return (
    <>
      <div className="person-bar small muted" data-person-self={me.name}>
        Your own link: {me.name}
        {me.organisation ? `, ${me.organisation}` : ''}
      </div>
      {asked ? null : (
        <div className="where-prompt" role="group" aria-label="Where are you?" data-where-prompt="">
          <p>Are you in the meeting room or following remotely? (For the attendance list.)</p>
          <button className="small-btn" data-where="room" onClick={() => answer('room')}>
            In the room
          </button>
          <button className="small-btn" data-where="remote" onClick={() => answer('remote')}>
            Remote
          </button>
        </div>
      )}
    </>
  );
}
