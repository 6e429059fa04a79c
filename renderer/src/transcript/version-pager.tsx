import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from '../i18n';
import { IconButton } from '../ui/button';

/** The words a pager uses, so a reply's and a message's pagers read differently to a screen reader. */
export interface PagerNames {
  group: string;
  previous: string;
  next: string;
}

interface VersionPagerProps {
  index: number;
  count: number;
  disabled: boolean;
  onSelect: (index: number) => void;
  names?: PagerNames;
}

/** "‹ 2 / 3 ›" (chevron icon buttons): page between the versions of a reply (or, with other names, of a message). */
export function VersionPager({
  index,
  count,
  disabled,
  onSelect,
  names: given,
}: VersionPagerProps) {
  const { t } = useTranslation();
  const names = given ?? {
    group: t('pager.replyGroup'),
    previous: t('pager.previous'),
    next: t('pager.next'),
  };
  return (
    <div className="version-pager" role="group" aria-label={names.group}>
      <IconButton
        size="sm"
        icon={ChevronLeft}
        label={names.previous}
        disabled={disabled || index <= 0}
        onClick={() => onSelect(index - 1)}
      />
      <span className="version-pager-label">
        {t('pager.position', { current: index + 1, count })}
      </span>
      <IconButton
        size="sm"
        icon={ChevronRight}
        label={names.next}
        disabled={disabled || index >= count - 1}
        onClick={() => onSelect(index + 1)}
      />
    </div>
  );
}
