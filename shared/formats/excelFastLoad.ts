/**
 * Loads a workbook with exceljs, reading only what a Tdoc list needs: cell text of the Tdoc sheet.
 *
 * The portal's files carry a second large sheet (CR packs) and hyperlink relationships for every TDoc
 * (~2.4 MB of rels in a 900-row list) that exceljs would parse for nothing. When the workbook names a
 * `TDoc_List` sheet, the other worksheets are read as empty; worksheet relationships (hyperlink targets,
 * comments, drawings) are never read, and the nodes pointing at them are skipped. This uses two internal
 * methods of exceljs 4 (`_processWorksheetEntry`, `_processWorksheetRelsEntry`); if they are missing the
 * workbook is loaded the ordinary way.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from './lazyLibraries.js';

const SKIP_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing', 'legacyDrawing', 'tableParts', 'picture'];
const EMPTY_SHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
const EMPTY_RELS = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

interface LoaderModel {
  sheets?: { name: string; rId: string }[];
  workbookRels?: { Id: string; Target: string }[];
}
type Internals = {
  _processWorksheetEntry?: (stream: unknown, model: LoaderModel, sheetNo: string, options: unknown, path: string) => Promise<void>;
  _processWorksheetRelsEntry?: (stream: unknown, model: LoaderModel, sheetNo: string) => Promise<void>;
};

/** The worksheet path ('xl/worksheets/sheet1.xml') of the sheet named `name`, once the workbook parts are read. */
function pathOf(model: LoaderModel, name: string): string | undefined {
  const sheet = model.sheets?.find((s) => s.name === name);
  const rel = sheet && model.workbookRels?.find((r) => r.Id === sheet.rId);
  if (!rel) return undefined;
  return rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target.replace(/^\.\//, '')}`;
}

export async function loadWorkbookForText(data: Uint8Array, preferSheet = 'TDoc_List'): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcel()).Workbook();
  const x = wb.xlsx as unknown as Internals;
  const sheetEntry = x._processWorksheetEntry?.bind(x);
  const relsEntry = x._processWorksheetRelsEntry?.bind(x);
  if (sheetEntry && relsEntry) {
    x._processWorksheetEntry = (stream, model, sheetNo, options, path) => {
      const keep = pathOf(model, preferSheet);
      return sheetEntry(keep && keep !== path ? once(EMPTY_SHEET) : stream, model, sheetNo, options, path);
    };
    x._processWorksheetRelsEntry = (_stream, model, sheetNo) => relsEntry(once(EMPTY_RELS), model, sheetNo);
  }
  await wb.xlsx.load(data as never, { ignoreNodes: SKIP_NODES } as never);
  return wb;
}
