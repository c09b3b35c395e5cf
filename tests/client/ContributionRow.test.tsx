// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Profiler } from 'react';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import * as Y from 'yjs';
import { ContributionRow } from '../../client/components/board/BoardRows.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { readEntry, table } from '../../shared/document/entityStore.js';
import { meetingFixture, syncInto } from './meetingFixture.js';
import { testContext, Wrap } from './testContext.js';

afterEach(cleanup);

function renderBoard(editable = true) {
  const f = meetingFixture();
  const local = new Y.Doc();
  syncInto(f.doc, local);
  const ctx = testContext(local, editable);
  const commits: string[] = [];
  const statuses: [string, string][] = [];
  const ids = Object.values(f.tdocs);
  const view = render(
    <Wrap value={ctx}>
      {ids.map((id) => (
        <Profiler key={id} id={id} onRender={(pid) => commits.push(pid)}>
          <ContributionRow
            id={id}
            depth={1}
            top={0}
            height={36}
            selected={false}
            current={false}
            editable={editable}
            onSelect={() => undefined}
            onStatus={(cid, s) => {
              statuses.push([cid, s]);
              ctx.change((d) => setContributionStatus(d, cid, s, { by: 'Karen' }));
            }}
          />
        </Profiler>
      ))}
    </Wrap>,
  );
  commits.length = 0;
  return { f, local, ctx, view, commits, statuses };
}

describe('ContributionRow', () => {
  it('renders data-tdoc with the status label as the text of [data-field=status]', () => {
    const { view } = renderBoard();
    const row = view.container.querySelector('[data-tdoc="SEC-2016-0098"]')!;
    expect(row).not.toBeNull();
    const status = row.querySelector('[data-field=status]') as HTMLSelectElement;
    expect(status.tagName).toBe('SELECT');
    expect(status.textContent).toBe('Available');
    // Every status can be picked by its label.
    const labels = [...status.options].map((o) => o.label);
    expect(labels).toContain('Agreed');
    expect(labels).toContain('Not treated');
    expect(status.value).toBe('available');
  });

  it('re-renders only the row a remote change touched', () => {
    const { f, local, view, commits } = renderBoard();
    act(() => {
      setContributionStatus(f.doc, f.tdocs['SEC-2016-0091'], 'agreed', { by: 'Chair' });
      syncInto(f.doc, local);
    });
    expect(commits).toEqual([f.tdocs['SEC-2016-0091']]);
    expect(view.container.querySelector('[data-tdoc="SEC-2016-0091"] [data-field=status]')!.textContent).toBe('Agreed');
  });

  it('picking a status in the select records it with its author, undoably', () => {
    const { f, local, ctx, view } = renderBoard();
    const id = f.tdocs['SEC-2016-0094R02'];
    const select = view.container.querySelector('[data-tdoc="SEC-2016-0094R02"] [data-field=status]') as HTMLSelectElement;
    act(() => {
      fireEvent.change(select, { target: { value: 'noted' } });
    });
    const entry = readEntry('contributions', id, table(local, 'contributions').get(id))!;
    expect(entry.status).toBe('noted');
    expect(entry.history.map((h) => [h.status, h.by])).toEqual([['noted', 'Karen']]);
    expect(select.textContent).toBe('Noted');
    act(() => {
      ctx.undo.undo();
    });
    expect(readEntry('contributions', id, table(local, 'contributions').get(id))!.status).toBe('available');
    expect(select.textContent).toBe('Available');
  });

  it('undo leaves other people\'s changes alone', () => {
    const { f, local, ctx, view } = renderBoard();
    const mine = f.tdocs['SEC-2016-0092'];
    act(() => ctx.change((d) => setContributionStatus(d, mine, 'postponed', { by: 'Karen' })));
    act(() => {
      setContributionStatus(f.doc, f.tdocs['SEC-2016-0090'], 'agreed', { by: 'Chair' });
      syncInto(f.doc, local);
    });
    act(() => {
      ctx.undo.undo();
    });
    const text = (n: string) => view.container.querySelector(`[data-tdoc="${n}"] [data-field=status]`)!.textContent;
    expect(text('SEC-2016-0092')).toBe('Available');
    expect(text('SEC-2016-0090')).toBe('Agreed');
  });

  it('shows the status as plain text for a read-only view', () => {
    const { view } = renderBoard(false);
    const status = view.container.querySelector('[data-tdoc="SEC-2016-0098"] [data-field=status]')!;
    expect(status.tagName).toBe('SPAN');
    expect(status.textContent).toBe('Available');
  });
});
