/**
 * The status of a row as a native <select data-field=status> (CONTRACT.md §7). Only the chosen option has
 * text; the others carry their label in the `label` attribute, which the dropdown shows. So the element's
 * text is exactly the status label (what a reader of [data-field=status] expects), while picking by label
 * (Playwright's selectOption({label}), a person with the mouse or keyboard) sees every status.
 */
import { memo } from 'react';
import type { Status } from '../../../shared/document/meetingSchema.js';
import { statusLabel } from '../../../shared/document/statuses.js';
import { statusTone } from '../../model/statusTone.js';

export interface StatusSelectProps {
  value: string;
  statuses: readonly Status[];
  onChange: (status: string) => void;
  disabled?: boolean;
  /** Accessible name, e.g. "Status of SEC-2016-0094". */
  label: string;
  /** Give the keyboard back to the board after a pick (rows); the side panel keeps focus. */
  blurOnChange?: boolean;
}

/** The status select of the board (chair, secretary). */
export const StatusSelect = memo(function StatusSelect({ value, statuses, onChange, disabled, label, blurOnChange }: StatusSelectProps) {
  const options = statuses.some((s) => s.id === value) ? statuses : [...statuses, { id: value, label: value, final: false }];
  return (
    <select
      data-field="status"
      className={`status tone-${statusTone(value)}`}
      value={value}
      disabled={disabled}
      aria-label={label}
      tabIndex={-1}
      onChange={(e) => {
        onChange(e.target.value);
        // Back to the board's keys: a focused select would take j/k and letters as its own.
        if (blurOnChange) e.target.blur();
      }}
    >
      {options.map((s) =>
        s.id === value ? (
          <option key={s.id} value={s.id} label={s.label}>
            {s.label}
          </option>
        ) : (
          <option key={s.id} value={s.id} label={s.label} />
        ),
      )}
    </select>
  );
});

/** The status as text, for the read-only views. */
export function StatusLabel({ value, statuses }: { value: string; statuses: readonly Status[] }) {
  return (
    <span data-field="status" className={`status tone-${statusTone(value)}`}>
      {statusLabel(statuses, value)}
    </span>
  );
}
