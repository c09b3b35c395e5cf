/**
 * What an importer hands to MeetingBuilder: agenda items, contributions and sessions as the file wrote them
 * (numbers and labels, not ids), and where in the file each was found, for warnings.
 */

/** Where a thing was found in the input, for warnings. */
export interface Where {
  row?: number;
  line?: number;
}

export interface ItemInput {
  label: string;
  title: string;
  notes?: string;
  specs?: string;
  rapporteur?: string;
  duration?: string;
  presenters?: string;
  documents?: string[];
  /** Order among siblings when the file gives one (e.g. 'Agenda item sort order'); else input order. */
  sortKey?: number;
}

export interface ContributionInput {
  number: string;
  title?: string;
  source?: string;
  /** Status word as written ('Agreed', 'REPLY OPEN'); '' for none. */
  status?: string;
  notes?: string;
  /** Agenda item id from addItem/itemByLabel, or null for none. */
  agendaItem?: string | null;
  aliases?: string[];
  /** Document numbers, resolved at build(). */
  revisionOf?: string;
  revisedTo?: string[];
  mergedInto?: string;
  type?: string;
  for?: string;
  abstract?: string;
  secretaryRemarks?: string;
  /** Cells of Tdoc list columns no other field takes, by header (tdocRows' columnsOf); kept when not empty. */
  columns?: Record<string, string>;
  sortKey?: number;
  where?: Where;
}

export interface SessionInput {
  date?: string;
  start?: string;
  end?: string;
  room?: string;
  code?: string;
  title?: string;
  agendaNote?: string;
  /** Item ids. */
  agendaItems?: string[];
  /** Agenda labels ('7.1'), resolved at build() to the first item with that label; '#3' is the third item added. */
  agendaLabels?: string[];
  where?: Where;
}
