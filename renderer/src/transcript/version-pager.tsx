interface VersionPagerProps {
  index: number;
  count: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}

/** "‹ 2 / 3 ›": page between the versions of a reply. */
export function VersionPager({ index, count, disabled, onSelect }: VersionPagerProps) {
  return (
    <div className="version-pager" role="group" aria-label="Reply versions">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous version"
        disabled={disabled || index <= 0}
        onClick={() => onSelect(index - 1)}
      >
        ‹
      </button>
      <span className="version-pager-label">{`${index + 1} / ${count}`}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Next version"
        disabled={disabled || index >= count - 1}
        onClick={() => onSelect(index + 1)}
      >
        ›
      </button>
    </div>
  );
}
