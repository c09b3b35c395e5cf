/** The room screen's floor: who speaks and for how long (red past the limit), the next three (as many as fit), the poll. */
import { useLayoutEffect, useRef, useState } from 'react';
import { latestPoll, pollEndsAt, type Poll } from '../../../shared/participation/showOfHands.js';
import { MAIN_ROOM } from '../../../shared/document/meetingSchema.js';
import { useParticipation, useServerNow } from '../../sync/participation.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { PollCounts, QueueStrip } from './QueueStrip.js';
import './participation.css';

/** A closed poll's result stays on the screen this long (ms). */
const RESULT_SHOWN_MS = 5 * 60_000;

function shownPoll(polls: Poll[], now: number): Poll | undefined {
  const p = latestPoll(polls);
  return p && now < pollEndsAt(p) + RESULT_SHOWN_MS ? p : undefined;
}

/** True while the screen has a speaker, a queue or a poll to show (the QR code then gets smaller). */
export function useScreenFloorActive(): boolean {
  const { floor, queue, polls } = useParticipation();
  const now = useServerNow(5000);
  // The speaker queue and the show of hands run in the main room only (issue 15): a breakout's screen has none.
  const inMain = useRoomId() === MAIN_ROOM;
  return inMain && (!!floor.current || queue.length > 0 || !!shownPoll(polls, now));
}

export function ScreenFloor() {
  const { floor, queue, polls } = useParticipation();
  const now = useServerNow(1000);
  const poll = shownPoll(polls, now);
  const inMain = useRoomId() === MAIN_ROOM;
  const ref = useRef<HTMLDivElement>(null);
  // Names are shown whole, so a long queue and a poll may not fit beside the QR code: show fewer of the
  // next speakers ("2 more waiting") rather than cut anything off the bottom of the screen.
  const [show, setShow] = useState(3);
  const key = `${queue.map((e) => e.id).join()}|${floor.current?.speechId ?? ''}|${poll?.id ?? ''}`;
  useLayoutEffect(() => setShow(3), [key]);
  useLayoutEffect(() => {
    const side = ref.current?.parentElement;
    if (side && show > 1 && side.scrollHeight > side.clientHeight + 1) setShow(show - 1);
  });
  if (!inMain || (!floor.current && !queue.length && !poll)) return null;
  return (
    <div className="screen-floor" ref={ref}>
      <QueueStrip floor={floor} queue={queue} show={show} variant="screen" />
      {poll ? <PollCounts poll={poll} big /> : null}
    </div>
  );
}
