// @vitest-environment jsdom
/**
 * The board's agenda tab in jsdom: keys move the selection and decide, typing filters, and a remote change
 * re-renders only the row it touched (the list itself does not re-render without a filter).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { memo, Profiler } from 'react';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import * as Y from 'yjs';
import { AgendaBoard } from '../../client/components/board/AgendaBoard.js';
import { addContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { meetingFixture, syncInto } from './meetingFixture.js';
import { testContext, Wrap } from './testContext.js';

/** Rows rendered because the board passed them new props (their own subscriptions are not counted). */
const rowRendersFromBoard: string[] = [];
vi.mock('../../client/components/board/BoardRows.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../client/components/board/BoardRows.js')>();
  const ContributionRow = memo(function CountedRow(p: Parameters<typeof orig.ContributionRow>[0]) {
    rowRendersFromBoard.push(p.id);
    return <orig.ContributionRow {...p} />;
  });
  return { ...orig, ContributionRow };
});

beforeAll(() => {
  // jsdom has no layout: give the scroll box a size so the virtualiser renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterEach(cleanup);

function setup() {
  const f = meetingFixture();
  const local = new Y.Doc();
  syncInto(f.doc, local);
  const ctx = testContext(local);
  let boardRenders = 0;
  const view = render(
    <Wrap value={ctx}>
      <Profiler id="board" onRender={() => boardRenders++}>
        <AgendaBoard actor="Karen" run={(fn) => ctx.change(fn)} jumpTo={null} active />
      </Profiler>
    </Wrap>,
  );
  const key = (k: string, init: KeyboardEventInit = {}) => act(() => void fireEvent.keyDown(window, { key: k, ...init }));
  const status = (n: string) => view.container.querySelector(`[data-tdoc="${n}"] [data-field=status]`)?.textContent;
  const selected = () => view.container.querySelector('[data-selected="true"]');
  return { f, local, ctx, view, key, status, selected, renders: () => boardRenders };
}

describe('AgendaBoard', () => {
  it('renders the agenda with its contributions (a small meeting renders every row)', () => {
    const { view } = setup();
    const numbers = [...view.container.querySelectorAll('[data-tdoc]')].map((e) => e.getAttribute('data-tdoc'));
    expect(numbers).toEqual(['SEC-2016-0090', 'SEC-2016-0094R02', 'SEC-2016-0098', 'SEC-2016-0091', 'SEC-2016-0092']);
    expect([...view.container.querySelectorAll('[data-item-id]')].map((e) => e.getAttribute('data-item'))).toEqual(['1', '2', '2.1', '3']);
  });

  it('j/k move, a decides, l sets live, r revises, ctrl+z undoes', () => {
    const { local, key, status, selected, f } = setup();
    key('j');
    expect(selected()?.getAttribute('data-item')).toBe('1');
    key('j');
    key('j');
    key('j');
    key('j');
    expect(selected()?.getAttribute('data-tdoc')).toBe('SEC-2016-0098');
    key('a');
    expect(status('SEC-2016-0098')).toBe('Agreed');
    key('l');
    expect(readLive(local)).toMatchObject({ agendaItemId: f.items.security, contributionId: f.tdocs['SEC-2016-0098'] });
    key('k');
    key('r');
    expect(status('SEC-2016-0094R02')).toBe('Revised');
    expect(selected()?.getAttribute('data-tdoc')).toBe('SEC-2016-0094R03');
    key('z', { ctrlKey: true });
    expect(status('SEC-2016-0094R02')).toBe('Available');
    key('Z', { ctrlKey: true, shiftKey: true });
    expect(status('SEC-2016-0094R02')).toBe('Revised');
  });

  it('Alt+arrows move the selected contribution among its item\'s rows', () => {
    const { view, key } = setup();
    const order = () => [...view.container.querySelectorAll('[data-tdoc]')].map((e) => e.getAttribute('data-tdoc'));
    for (let i = 0; i < 4; i++) key('j');
    expect(view.container.querySelector('[data-selected="true"]')?.getAttribute('data-tdoc')).toBe('SEC-2016-0094R02');
    key('ArrowDown', { altKey: true });
    expect(order()).toEqual(['SEC-2016-0090', 'SEC-2016-0098', 'SEC-2016-0094R02', 'SEC-2016-0091', 'SEC-2016-0092']);
    // At the end of its item it stays (moving to another item is done in the side panel).
    key('ArrowDown', { altKey: true });
    expect(order()).toEqual(['SEC-2016-0090', 'SEC-2016-0098', 'SEC-2016-0094R02', 'SEC-2016-0091', 'SEC-2016-0092']);
    key('ArrowUp', { altKey: true });
    expect(order()).toEqual(['SEC-2016-0090', 'SEC-2016-0094R02', 'SEC-2016-0098', 'SEC-2016-0091', 'SEC-2016-0092']);
  });

  it('a status key does nothing while typing in a field', () => {
    const { view, key, status } = setup();
    key('j');
    key('j');
    const search = view.getByLabelText('Find') as HTMLInputElement;
    search.focus();
    act(() => void fireEvent.keyDown(search, { key: 'a' }));
    expect(status('SEC-2016-0090')).toBe('Available');
  });

  it('filters as you type and re-filters when a status changes', () => {
    const { f, local, view, status } = setup();
    const search = view.getByLabelText('Find') as HTMLInputElement;
    act(() => void fireEvent.change(search, { target: { value: 'status:agreed' } }));
    expect(view.container.querySelectorAll('[data-tdoc]')).toHaveLength(0);
    act(() => {
      setContributionStatus(f.doc, f.tdocs['SEC-2016-0091'], 'agreed', { by: 'Chair' });
      syncInto(f.doc, local);
    });
    expect([...view.container.querySelectorAll('[data-tdoc]')].map((e) => e.getAttribute('data-tdoc'))).toEqual(['SEC-2016-0091']);
    expect(status('SEC-2016-0091')).toBe('Agreed');
    act(() => void fireEvent.change(search, { target: { value: 'qualcomm' } }));
    expect(view.container.querySelectorAll('[data-tdoc]')).toHaveLength(2);
  });

  it('a remote status change re-renders that row by itself: the board passes no row new props', () => {
    const { f, local, status, renders } = setup();
    const before = renders();
    rowRendersFromBoard.length = 0;
    act(() => {
      setContributionStatus(f.doc, f.tdocs['SEC-2016-0092'], 'noted', { by: 'Chair' });
      syncInto(f.doc, local);
    });
    expect(status('SEC-2016-0092')).toBe('Noted');
    expect(renders() - before).toBe(1);
    expect(rowRendersFromBoard).toEqual([]);
  });

  it('moving the selection re-renders only the two rows whose selection changed', () => {
    const setupResult = setup();
    const { key } = setupResult;
    const { f } = setupResult;
    key('G', { shiftKey: true });
    key('k');
    rowRendersFromBoard.length = 0;
    key('k');
    expect(rowRendersFromBoard.sort()).toEqual([f.tdocs['SEC-2016-0091'], f.tdocs['SEC-2016-0092']].sort());
  });
});

describe('search marks', () => {
  it('marks the searched words in the matching rows', () => {
    const f = meetingFixture();
    const ctx = testContext(f.doc);
    const view = render(
      <Wrap value={ctx}>
        <AgendaBoard actor="Karen" run={(fn) => ctx.change(fn)} jumpTo={null} active />
      </Wrap>,
    );
    act(() => void fireEvent.change(view.getByLabelText('Find'), { target: { value: 'key' } }));
    const marks = [...view.container.querySelectorAll('[data-tdoc] mark')].map((m) => m.textContent);
    expect(marks).toEqual(['key']);
    expect(view.container.querySelector('[data-tdoc="SEC-2016-0092"] .title')!.textContent).toBe('Usage-constrained key derivation');
  });
});

describe('the live item in a long list', () => {
  it('stays in the page with data-live="true" while scrolled far away from it', () => {
    const f = meetingFixture();
    for (let i = 0; i < 600; i++) addContribution(f.doc, { number: `BULK-${i}`, title: `Row ${i}`, agendaItemId: f.items.opening });
    setLive(f.doc, { agendaItemId: f.items.misc });
    const ctx = testContext(f.doc);
    const view = render(
      <Wrap value={ctx}>
        <AgendaBoard actor="Karen" run={(fn) => ctx.change(fn)} jumpTo={null} active />
      </Wrap>,
    );
    // Only a screenful of rows is rendered, yet the live item (last in the list) is there.
    expect(view.container.querySelectorAll('[data-tdoc]').length).toBeLessThan(100);
    const live = view.container.querySelectorAll('[data-live="true"]');
    expect(live).toHaveLength(1);
    expect(live[0].getAttribute('data-item')).toBe('3');
  });
});
