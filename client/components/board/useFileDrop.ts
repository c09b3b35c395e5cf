/**
 * Dropping a file on the board page to bring it in (issue 11): only files, only for an editor; `dragging`
 * while one is held over the page, for the drop overlay.
 */
import { useState, type DragEvent } from 'react';

export function useFileDrop(editable: boolean, onFile: (f: File) => void) {
  const [dragging, setDragging] = useState(false);
  const hasFiles = (e: DragEvent) => editable && [...e.dataTransfer.types].includes('Files');
  const dropHandlers = {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const f = e.dataTransfer.files[0];
      if (f) onFile(f);
    },
  };
  return { dragging, dropHandlers };
}
