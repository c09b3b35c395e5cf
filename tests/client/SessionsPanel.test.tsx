// @vitest-environment jsdom
/** The Sessions tab links a session to agenda items typed by number, and says so when a number names none. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { SessionsPanel } from '../../client/components/meeting/MeetingLists.js';
import { addSession } from '../../shared/document/listOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { meetingFixture } from './meetingFixture.js';
import { testContext, Wrap } from './testContext.js';

afterEach(cleanup);

function setup() {
  const f = meetingFixture();
  const sessionId = addSession(f.doc, { date: '2016-05-16', start: '09:00', end: '10:30', code: 'S1', title: 'Opening' });
  const errors: string[] = [];
  const run = (fn: (d: typeof f.doc) => void) => {
    try {
      fn(f.doc);
    } catch (e) {
      errors.push((e as Error).message);
    }
  };
  const view = render(
    <Wrap value={testContext(f.doc)}>
      <SessionsPanel run={run} />
    </Wrap>,
  );
  const field = view.getByLabelText('Items of S1') as HTMLInputElement;
  const type = (text: string) =>
    act(() => {
      fireEvent.change(field, { target: { value: text } });
      fireEvent.keyDown(field, { key: 'Enter' });
    });
  return { f, sessionId, errors, field, type };
}

describe('Sessions tab', () => {
  it('stores the agenda items typed by number and shows them back as numbers', () => {
    const { f, sessionId, field, type } = setup();
    type('2.1, 1');
    const s = readMeeting(f.doc).sessions.find((x) => x.id === sessionId)!;
    expect(s.agendaItemIds).toEqual([f.items.keys, f.items.opening]);
    expect(field.value).toBe('2.1, 1');
  });

  it('refuses a number that names no agenda item, with a message, and keeps the stored items', () => {
    const { f, sessionId, errors, type } = setup();
    type('1');
    type('1, 9.9');
    expect(errors).toEqual(['no agenda item numbered "9.9"']);
    expect(readMeeting(f.doc).sessions.find((x) => x.id === sessionId)!.agendaItemIds).toEqual([f.items.opening]);
  });
});
