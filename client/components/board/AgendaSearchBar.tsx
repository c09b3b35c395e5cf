/** The agenda tab's search bar: the find field and its count, adding rows, folding. */
import type { RefObject } from 'react';

export interface AgendaSearchBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery: (query: string) => void;
  /** Contributions matching the query; null without one. */
  matchCount: number | null;
  total: number;
  editable: boolean;
  onAddTdoc: () => void;
  onAddItem: () => void;
  onFoldAll: () => void;
  onUnfoldAll: () => void;
}

export function AgendaSearchBar({ inputRef, query, onQuery, matchCount, total, editable, onAddTdoc, onAddItem, onFoldAll, onUnfoldAll }: AgendaSearchBarProps) {
  return (
    <div className="search-bar">
      <input
        ref={inputRef}
        type="search"
        className="search"
        aria-label="Find"
        placeholder="Find  ( / ) — number, title, source, status:agreed, item:5.2"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
      />
      <span className="muted small match-count">{matchCount === null ? `${total} contributions` : `${matchCount} of ${total}`}</span>
      {editable ? (
        <>
          <button className="small-btn" title="Add a contribution to the selected (or live) agenda item" onClick={onAddTdoc}>
            + Contribution
          </button>
          <button className="small-btn" title="Add an agenda item at the end" onClick={onAddItem}>
            + Item
          </button>
        </>
      ) : null}
      <button className="small-btn" onClick={onFoldAll}>
        Fold all
      </button>
      <button className="small-btn" onClick={onUnfoldAll}>
        Unfold all
      </button>
    </div>
  );
}
