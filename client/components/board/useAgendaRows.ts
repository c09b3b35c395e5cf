/**
 * The agenda tab's rows: the tree as folded and searched, the words to mark in them, and each row's place in
 * the list by its selection key.
 */
import { useMemo } from 'react';
import type { Status } from '../../../shared/document/meetingSchema.js';
import type { MeetingIndex, MeetingStore } from '../../sync/MeetingStore.js';
import { useContentVersion } from '../../sync/useMeeting.js';
import { buildRows, rowKey } from '../../model/boardRows.js';
import { parseQuery } from '../../model/filterQuery.js';

export function useAgendaRows(store: MeetingStore, index: MeetingIndex, statuses: Status[], collapsed: Set<string>, query: string) {
  const filterVersion = useContentVersion(query !== '');
  const rows = useMemo(
    () => buildRows({ index, statuses, contribution: store.contribution, agendaItem: store.agendaItem }, collapsed, query),
    // filterVersion: re-filter on content changes only while a query is active.
    [index, statuses, collapsed, query, filterVersion, store],
  );
  const marks = useMemo(
    () => parseQuery(query).filter((t) => t.field === null || t.field === 'number' || t.field === 'title' || t.field === 'source').map((t) => t.text),
    [query],
  );
  const keyIndex = useMemo(() => new Map(rows.map((r, i) => [rowKey(r), i])), [rows]);
  return { rows, marks, keyIndex };
}
