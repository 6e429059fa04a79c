import { VersionPager, type PagerNames } from '../transcript/version-pager';
import { useTranslation } from '../i18n';

/** "‹ 2 / 3 ›": page between the versions of a user message (each one a branch). */
export function MessagePager(props: {
  index: number;
  count: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}) {
  const { t } = useTranslation();
  const names: PagerNames = {
    group: t('pager.messageGroup'),
    previous: t('pager.messagePrevious'),
    next: t('pager.messageNext'),
  };
  return <VersionPager {...props} names={names} />;
}
