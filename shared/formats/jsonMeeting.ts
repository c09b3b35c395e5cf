/** Meeting JSON (CONTRACT.md §6) in and out. Import is strict: every error names its path. */
import type { MeetingJson } from '../document/meetingSchema.js';
import { parseMeeting, formatIssues } from '../document/validateMeeting.js';
import { ImportError, type ExportResult, type ImportResult } from './types.js';

export function importJson(data: Uint8Array): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (e) {
    throw new ImportError(`not valid JSON (${(e as Error).message})`);
  }
  const res = parseMeeting(value);
  if (!res.ok) throw new ImportError(formatIssues(res.errors.slice(0, 1)) + (res.errors.length > 1 ? ` (and ${res.errors.length - 1} more)` : ''));
  return {
    meeting: res.value,
    warnings: res.warnings.map((w) => ({ message: `${w.path}: ${w.message}` })),
  };
}

export function exportJson(meeting: MeetingJson): ExportResult {
  return { data: JSON.stringify(meeting, null, 2) + '\n', contentType: 'application/json; charset=utf-8' };
}
