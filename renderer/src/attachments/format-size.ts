import { i18n, t } from '../i18n';

/**
 * A file's size for a chip: whole KB below a megabyte (at least 1 KB, so a tiny file never
 * reads "0 KB"), MB with one decimal above. Binary units (1 KB = 1024 bytes), as file managers
 * on Windows and most Linux desktops show them; the number in the user's language's format.
 */
export function formatSize(bytes: number): string {
  const megabyte = 1024 * 1024;
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  if (bytes < megabyte) {
    return t('attachments.kilobytes', {
      size: format.format(Math.max(1, Math.round(bytes / 1024))),
    });
  }
  return t('attachments.megabytes', {
    size: format.format(Math.round((bytes / megabyte) * 10) / 10),
  });
}
