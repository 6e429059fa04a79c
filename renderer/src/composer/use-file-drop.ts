import { useEffect, useRef, useState } from 'react';

/** True when a drag carries files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * Files dropped anywhere on the window go to `onFiles`; returns true while files are dragged
 * over it (for the drop overlay). The default is prevented for every file drag, so a file
 * dropped beside the box is attached rather than opened by the browser in Parley's place.
 * While `accepts()` answers false (a dialog is open) there is no overlay and a drop is ignored.
 */
export function useFileDrop(
  onFiles: (files: File[]) => void,
  accepts: () => boolean = () => true,
): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef({ onFiles, accepts });
  useEffect(() => {
    latest.current = { onFiles, accepts };
  });

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them to know when it left.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      if (latest.current.accepts()) setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) && !event.dataTransfer?.files.length) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0 && latest.current.accepts()) latest.current.onFiles(files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}

/**
 * The files a paste carries (a copied file, a screenshot); none for a plain text paste. Text
 * copied from a word processor (it carries RTF) also brings a picture of the selection: that
 * paste is the text, never an image of it.
 */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data || [...(data.types ?? [])].includes('text/rtf')) return [];
  const files = [...(data.files ?? [])];
  if (files.length > 0) return files;
  // Some sources put an image only in the items list.
  return [...(data.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}
