import { VersionPager, type PagerNames } from '../transcript/version-pager';

const messageNames: PagerNames = {
  group: 'Message versions',
  previous: 'Previous message version',
  next: 'Next message version',
};

/** "‹ 2 / 3 ›": page between the versions of a user message (each one a branch). */
export function MessagePager(props: {
  index: number;
  count: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}) {
  return <VersionPager {...props} names={messageNames} />;
}
