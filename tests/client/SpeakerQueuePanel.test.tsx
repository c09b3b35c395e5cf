// @vitest-environment jsdom
/** The chair's queue beside the board and the strip the screen and phones show (no network). */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import * as Y from 'yjs';
import { SpeakerQueuePanel, isCallNextKey } from '../../client/components/participation/SpeakerQueuePanel.js';
import { QueueStrip } from '../../client/components/participation/QueueStrip.js';
import { addToQueue, readFloor, readQueue, readSpeeches } from '../../shared/participation/speakerQueue.js';
import { setLive } from '../../shared/document/meetingParts.js';
import { meetingFixture } from './meetingFixture.js';
import { testContext, Wrap } from './testContext.js';

afterEach(cleanup);

const names = (root: HTMLElement) => [...root.querySelectorAll('[data-queue-entry]')].map((e) => e.getAttribute('data-speaker'));

function setup() {
  const f = meetingFixture();
  const item = f.doc.getMap('agenda').keys().next().value as string;
  setLive(f.doc, { agendaItemId: item });
  for (const [name, kind] of [['Ann', 'new-topic'], ['Bob', 'reply'], ['Cy', 'point-of-order']] as const) {
    addToQueue(f.doc, { kind, name, company: 'X', at: new Date().toISOString(), by: 'self', owner: name });
  }
  const run = (fn: (d: Y.Doc) => void) => fn(f.doc);
  const view = render(
    <Wrap value={testContext(f.doc)}>
      <SpeakerQueuePanel run={run} />
    </Wrap>,
  );
  return { f, item, view };
}

describe('speaker queue panel', () => {
  it('lists the queue with its page hooks, reorders, removes, adds by name and calls the next with Alt+N', () => {
    const { f, item, view } = setup();
    expect(names(view.container)).toEqual(['Cy', 'Ann', 'Bob']);
    act(() => {
      fireEvent.click(view.container.querySelector('[data-speaker="Bob"] [data-action=move-up]')!);
    });
    expect(names(view.container)).toEqual(['Cy', 'Bob', 'Ann']);
    act(() => {
      fireEvent.click(view.container.querySelector('[data-speaker="Ann"] [data-action=remove-entry]')!);
    });
    const quick = view.container.querySelector('[data-field=quick-add]') as HTMLInputElement;
    act(() => {
      fireEvent.change(quick, { target: { value: 'q+ Mary, Ericsson' } });
      fireEvent.submit(quick.form!);
    });
    expect(readQueue(f.doc).map((e) => `${e.name}/${e.company}/${e.by}`)).toEqual(['Cy/X/self', 'Bob/X/self', 'Mary/Ericsson/chair']);
    act(() => {
      fireEvent.keyDown(window, { key: 'n', code: 'KeyN', altKey: true });
    });
    expect(readFloor(f.doc).current?.name).toBe('Cy');
    expect(view.container.querySelector('[data-floor=current]')?.getAttribute('data-speaker')).toBe('Cy');
    expect(readSpeeches(f.doc)[0]).toMatchObject({ name: 'Cy', kind: 'point-of-order', agendaItemId: item });
    expect(names(view.container)).toEqual(['Bob', 'Mary']);
    act(() => {
      fireEvent.click(view.container.querySelector('[data-action=toggle-queue]')!);
    });
    expect(readFloor(f.doc).open).toBe(false);
  });

  it('takes only Alt+N for the next speaker', () => {
    expect(isCallNextKey({ altKey: true, ctrlKey: false, metaKey: false, code: 'KeyN' })).toBe(true);
    expect(isCallNextKey({ altKey: false, ctrlKey: false, metaKey: false, code: 'KeyN' })).toBe(false);
    expect(isCallNextKey({ altKey: true, ctrlKey: true, metaKey: false, code: 'KeyN' })).toBe(false);
  });

  it('shows the next three with page hooks, and this phone\'s own entry marked', () => {
    const doc = new Y.Doc();
    for (const n of ['A', 'B', 'C', 'D', 'E']) addToQueue(doc, { kind: 'new-topic', name: n, at: new Date().toISOString(), by: 'self', owner: `o${n}` });
    const view = render(
      <Wrap value={testContext(doc, false)}>
        <QueueStrip floor={readFloor(doc)} queue={readQueue(doc)} owner="oB" variant="follow" />
      </Wrap>,
    );
    expect(names(view.container)).toEqual(['A', 'B', 'C']);
    expect(view.container.querySelector('.mine')?.getAttribute('data-speaker')).toBe('B');
    expect(view.container.textContent).toContain('2 more waiting');
  });
});
