/**
 * Agendas and reports as blocks (headings, paragraphs, bullets, tables), and the reading state that
 * agendaBlocks.ts shares with the table readers (blockTables.ts, scheduleTables.ts).
 */
import type { GridCell } from './htmlTable.js';
import type { MeetingBuilder } from './meetingBuilder.js';
import type { SessionInput, Where } from './builderInputs.js';

export type Block =
  | { kind: 'heading'; level: number; text: string; where?: Where }
  | { kind: 'para'; text: string; links?: string[]; where?: Where }
  | { kind: 'bullet'; text: string; links?: string[]; where?: Where; depth?: number; ordered?: boolean }
  | { kind: 'table'; rows: GridCell[][]; where?: Where };

export type Section = 'front' | 'agenda' | 'schedule' | 'actions' | 'deliverables' | 'objectives' | 'attendance' | 'record' | 'carried';

export interface BlockOptions {
  /** Number unnumbered headings from their levels (Word's automatic heading numbers are not in the text). */
  autoNumber?: boolean;
  /** Keep prose outside any agenda item as meeting details (IETF links); Word boilerplate is left out. */
  keepProse?: boolean;
}

/** State shared with the table readers. */
export interface BlockState {
  b: MeetingBuilder;
  section: Section;
  currentItem: string | null;
  session: (SessionInput & { items: string[] }) | null;
  details: string[];
}
