import { formatSize } from './format-size';

/**
 * A file's name (the whole name on hover, since chips cut long ones) and its size, as the
 * composer's chips and the transcript's file chips show them.
 */
export function AttachmentLabel({ name, size }: { name: string; size: number }) {
  return (
    <>
      <span className="attachment-chip-name" title={name}>
        {name}
      </span>
      <span className="attachment-chip-size">{formatSize(size)}</span>
    </>
  );
}
