/**
 * A button that opens the file picker for the formats Plenary imports (the admin page's "Choose a file…",
 * the board's "Import…"); the chosen file goes to `onFile`, and the same file can be chosen again after.
 */
import { useRef } from 'react';

/** What the importers read (shared/formats): Word, Excel, the portal's HTML, text, Markdown, CSV, JSON. */
export const IMPORT_ACCEPT = '.docx,.xlsx,.htm,.html,.txt,.md,.csv,.json';

export function FileButton({
  children,
  inputLabel,
  onFile,
  disabled,
  title,
}: {
  children: React.ReactNode;
  /** The hidden input's accessible name. */
  inputLabel: string;
  onFile: (file: File) => void;
  disabled?: boolean;
  title?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <button className="small-btn" disabled={disabled} title={title} onClick={() => ref.current?.click()}>
        {children}
      </button>
      <input
        ref={ref}
        type="file"
        hidden
        aria-label={inputLabel}
        accept={IMPORT_ACCEPT}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </>
  );
}
