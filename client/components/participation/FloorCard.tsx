/**
 * The phone's part in the meeting (issue 15): who speaks and who is next, "Ask for the floor" with its
 * kind (name and company asked once, kept on the phone), this phone's place and withdraw, and the open
 * show of hands. Requests go to the server (client/sync/participation.ts); the page itself stays
 * read-only on the meeting document.
 */
import { useState } from 'react';
import { QUEUE_KIND_LABELS, type QueueKind } from '../../../shared/participation/speakerQueue.js';
import { isPollOpen, latestPoll } from '../../../shared/participation/showOfHands.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import {
  answerPoll,
  identity,
  requestFloor,
  saveIdentity,
  storedAnswers,
  storedOwner,
  useParticipation,
  useServerNow,
  useStored,
  withdrawFloor,
} from '../../sync/participation.js';
import { PollCounts, QueueStrip } from './QueueStrip.js';
import { useRegistration } from '../../sync/participation.js';
import { useMeta } from '../../sync/useMeeting.js';
import { sharedLinkMayTakePart } from '../../../shared/participation/registration.js';
import { usePersonSelf } from '../people/usePersonSelf.js';
import './participation.css';

const KINDS: QueueKind[] = ['new-topic', 'reply', 'clarify', 'point-of-order'];

export function FloorCard() {
  const { meetingId, token } = useMeetingContext();
  const { queue, floor, polls } = useParticipation();
  const [owner, rereadOwner] = useStored(() => storedOwner(meetingId));
  const [step, setStep] = useState<'idle' | 'name' | 'kind'>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = owner ? queue.findIndex((e) => e.owner === owner) : -1;
  // Issue 24: a person's own link speaks with their registered name; the shared link only follows once
  // people are registered, unless the chair allows it.
  const me = usePersonSelf();
  const registered = useRegistration().people;
  const { anonymousParticipation } = useMeta();
  const mayTakePart = me !== null || sharedLinkMayTakePart(registered, anonymousParticipation);

  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      rereadOwner();
      setStep('idle');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const ask = () => setStep(me || identity().name ? 'kind' : 'name');
  return (
    <section className="floor-card" aria-label="Speakers and polls">
      <QueueStrip floor={floor} queue={queue} owner={owner} variant="follow" />
      <div className="floor-actions">
        {!mayTakePart && mine < 0 ? (
          <p className="floor-follow-only small muted" data-follow-only="">
            This shared link follows the meeting. To ask for the floor or answer a show of hands, open your own link (the secretary has it for you).
          </p>
        ) : mine >= 0 ? (
          <div className="floor-mine" role="status">
            <span>
              You are <strong data-field="my-place">{ordinal(mine + 1)}</strong> in the queue · {QUEUE_KIND_LABELS[queue[mine].kind]}
            </span>
            <button className="floor-withdraw" data-action="withdraw-floor" disabled={busy} onClick={() => void act(() => withdrawFloor(meetingId, token))}>
              Withdraw
            </button>
          </div>
        ) : step === 'idle' ? (
          <button className="floor-request" data-action="request-floor" disabled={busy || !floor.open} onClick={ask}>
            {floor.open ? 'Ask for the floor' : 'The queue is closed'}
          </button>
        ) : step === 'name' ? (
          <NameForm
            onSave={(name, company) => {
              saveIdentity(name, company);
              setStep('kind');
            }}
            onCancel={() => setStep('idle')}
          />
        ) : (
          <div className="floor-kinds" role="group" aria-label="What do you want to say?">
            {KINDS.map((k) => (
              <button key={k} data-kind={k} className={`kind-${k}`} disabled={busy} onClick={() => void act(() => requestFloor(meetingId, token, k))}>
                {QUEUE_KIND_LABELS[k]}
              </button>
            ))}
            {me ? (
              <span className="small muted" data-speak-as={me.name}>
                as {me.name}
                {me.organisation ? `, ${me.organisation}` : ''}
              </span>
            ) : (
              <button className="link" onClick={() => setStep('name')}>
                as {identity().name}
                {identity().company ? `, ${identity().company}` : ''} — change
              </button>
            )}
            <button className="link" onClick={() => setStep('idle')}>
              Cancel
            </button>
          </div>
        )}
        {error ? (
          <div className="floor-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      <PollCard polls={polls} mayAnswer={mayTakePart} registered={me !== null} />
    </section>
  );
}

function NameForm({ onSave, onCancel }: { onSave: (name: string, company: string) => void; onCancel: () => void }) {
  const me = identity();
  const [name, setName] = useState(me.name);
  const [company, setCompany] = useState(me.company);
  return (
    <form
      className="floor-name"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name, company);
      }}
    >
      <p className="muted small">Your name and company, as the chair should call you (kept on this phone):</p>
      <input aria-label="Your name" name="name" placeholder="Name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} autoFocus />
      <input aria-label="Your company" name="company" placeholder="Company" value={company} maxLength={80} onChange={(e) => setCompany(e.target.value)} />
      <div className="floor-name-buttons">
        <button type="submit" data-action="save-name" disabled={!name.trim()}>
          Continue
        </button>
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PollCard({ polls, mayAnswer, registered }: { polls: ReturnType<typeof useParticipation>['polls']; mayAnswer: boolean; registered: boolean }) {
  const { meetingId, token } = useMeetingContext();
  const now = useServerNow(1000);
  const poll = latestPoll(polls);
  const [answers, reread] = useStored(() => storedAnswers(meetingId));
  const [error, setError] = useState<string | null>(null);
  if (!poll) return null;
  const open = isPollOpen(poll, now);
  const mine = answers[poll.id];
  return (
    <div className="poll-card" data-poll-card={poll.id}>
      {open && mayAnswer && (registered || !poll.perOrganisation) ? (
        <div className="poll-answer" role="group" aria-label={poll.question}>
          <div className="poll-ask">{poll.question}</div>
          <div className="poll-options">
            {poll.options.map((o) => (
              <button
                key={o}
                data-answer={o}
                aria-pressed={mine === o}
                className={mine === o ? 'on' : ''}
                onClick={() =>
                  void answerPoll(meetingId, token, poll.id, o).then(
                    () => {
                      setError(null);
                      reread();
                    },
                    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                  )
                }
              >
                {o}
              </button>
            ))}
          </div>
          <div className="muted small">{mine ? 'You can change your answer while the poll is open.' : 'Tap your answer.'}</div>
        </div>
      ) : null}
      {error ? (
        <div className="floor-error" role="alert">
          {error}
        </div>
      ) : null}
      {/* The question once: above the answers while open, above the counts once closed. */}
      <PollCounts poll={poll} question={!open} />
    </div>
  );
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
