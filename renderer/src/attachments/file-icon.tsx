import { FileCode, FileImage, FileText, type LucideIcon } from 'lucide-react';
import type { AttachmentKind } from '../../../preload/api';

const icons: Record<AttachmentKind, LucideIcon> = {
  image: FileImage,
  pdf: FileText,
  text: FileCode,
};

/**
 * A file's glyph for a chip without a thumbnail (PDFs, text files, an image main could not make
 * a thumbnail of), from the app's icon set. Decorative: the chip's name says what the file is.
 */
export function FileIcon({ kind }: { kind: AttachmentKind }) {
  const Icon = icons[kind];
  return <Icon className="attachment-file-icon" aria-hidden="true" />;
}
