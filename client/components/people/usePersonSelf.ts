/** The registered person this page's link names (issue 24), or null for the shared and the editors' links. */
import { useEffect, useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { fetchSelf, type SelfPerson } from './peopleApi.js';

export function usePersonSelf(): SelfPerson | null {
  const { meetingId, token, role } = useMeetingContext();
  const [me, setMe] = useState<SelfPerson | null>(null);
  useEffect(() => {
    if (role !== 'delegate') return;
    let alive = true;
    void fetchSelf(meetingId, token).then((p) => alive && setMe(p));
    return () => {
      alive = false;
    };
  }, [meetingId, token, role]);
  return me;
}
