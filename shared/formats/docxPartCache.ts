/**
 * The Word report's parts kept ready between exports (issue 27): per agenda item (its heading, facts,
 * notes, Tdoc table and outcome), the XML the `docx` package prepares for it, keyed by everything the part
 * shows. Preparing those objects is most of an export's time (a 1,000-Tdoc report is ~9,000 table cells);
 * a status change alters one item's key, so the next export prepares that item again and takes the others
 * as they were. What is written is the same XML either way: the part's prepared objects are what its
 * components give (docx's own `prepForXml`, called the first time), and the library assembles, writes and
 * zips the document as for any other child. tests/formats/docxPartCache.test.ts proves the bytes equal a
 * render without the cache.
 *
 * A part must not depend on anything outside its key: the items' blocks use no numbering, bookmarks,
 * hyperlinks or images (whose ids come from the document), only paragraphs, runs and tables.
 */
import type { Paragraph, Table } from 'docx';

/**
 * Table rows kept, all parts together (least recently used out first). A row's prepared XML is ~17 KB
 * (a 1,000-Tdoc report's parts hold 17 MB), so this is ~70 MB: a 2,000-Tdoc meeting with room for the
 * parts its changes leave behind. A larger report churns through the cache at no more than that memory.
 */
export const MAX_CACHED_ROWS = 4_000;

const parts = new Map<string, { xml: unknown[]; rows: number }>();
let rowsKept = 0;
let hits = 0;
let misses = 0;

/**
 * One body child standing for `build()`'s blocks, their prepared XML taken from the cache when a part with
 * the same key was prepared before. The key must name everything the blocks show; `rows` is its table's.
 */
export function cachedPart(key: string, rows: number, build: () => (Paragraph | Table)[]): Paragraph {
  const part = {
    prepForXml(context: unknown): unknown[] {
      let kept = parts.get(key);
      if (kept) {
        hits++;
        parts.delete(key);
      } else {
        misses++;
        const xml = build()
          .map((c) => (c as unknown as { prepForXml(ctx: unknown): unknown }).prepForXml(context))
          .filter((x) => x !== undefined);
        kept = { xml, rows: rows + 1 };
        rowsKept += kept.rows;
      }
      parts.set(key, kept);
      for (const [k, p] of parts) {
        if (rowsKept <= MAX_CACHED_ROWS || k === key) break;
        parts.delete(k);
        rowsKept -= p.rows;
      }
      return kept.xml;
    },
  };
  // docx takes any object with prepForXml as a component; Body flattens the array it returns.
  return part as unknown as Paragraph;
}

/** How the cache fared since the last clear (for tests and the benchmark). */
export function partCacheStats(): { hits: number; misses: number; size: number } {
  return { hits, misses, size: parts.size };
}

/** Counts hits and misses from zero, keeping the parts. */
export function resetPartCacheStats(): void {
  hits = 0;
  misses = 0;
}

/** Forgets every part (a render from scratch). */
export function clearPartCache(): void {
  parts.clear();
  rowsKept = 0;
  hits = 0;
  misses = 0;
}
