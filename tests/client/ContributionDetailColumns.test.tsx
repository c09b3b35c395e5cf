// @vitest-environment jsdom
/** The side panel shows a contribution's Tdoc list columns read-only, and follows a peer replacing them. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import * as Y from 'yjs';
import { ContributionDetail } from '../../client/components/board/ContributionDetail.js';
import { updateEntity } from '../../shared/document/entityOps.js';
import { meetingFixture, syncInto } from './meetingFixture.js';
import { testContext, Wrap } from './testContext.js';

afterEach(cleanup);

function renderDetail(number: string) {
  const f = meetingFixture();
  updateEntity(f.doc, 'contributions', f.tdocs['SEC-2016-0098'], { columns: { Contact: 'Jane Roe', Release: 'Rel-2', 'Reply to': 'LS-1\nLS-2' } });
  const local = new Y.Doc();
  syncInto(f.doc, local);
  const ctx = testContext(local, true);
  const view = render(
    <Wrap value={ctx}>
      <ContributionDetail id={f.tdocs[number]} actor="Karen" run={(fn) => ctx.change(fn)} onSelect={() => undefined} />
    </Wrap>,
  );
  return { f, local, view };
}

const pairs = (root: HTMLElement) =>
  [...root.querySelectorAll('.tdoc-columns dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);

describe('ContributionDetail: From the Tdoc list', () => {
  it('lists the columns as a definition list, without inputs', () => {
    const { view } = renderDetail('SEC-2016-0098');
    expect(view.getByText('From the Tdoc list')).toBeTruthy();
    expect(pairs(view.container)).toEqual([
      ['Contact', 'Jane Roe'],
      ['Release', 'Rel-2'],
      ['Reply to', 'LS-1\nLS-2'],
    ]);
    expect(view.container.querySelector('.tdoc-columns input, .tdoc-columns textarea, .tdoc-columns select')).toBeNull();
  });

  it('shows nothing for a contribution without columns, and follows a peer replacing them', () => {
    const { f, local, view } = renderDetail('SEC-2016-0091');
    expect(view.queryByText('From the Tdoc list')).toBeNull();
    act(() => {
      updateEntity(f.doc, 'contributions', f.tdocs['SEC-2016-0091'], { columns: { Spec: '33.501' } });
      syncInto(f.doc, local);
    });
    expect(pairs(view.container)).toEqual([['Spec', '33.501']]);
  });
});
