interface MessagePagerProps {
  index: number;
  count: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}

/** "‹ 2 / 3 ›": page between the versions of a user message (each one a branch). */
export function MessagePager({ index, count, disabled, onSelect }: MessagePagerProps) {
  return (
    <div className="version-pager" role="group" aria-label="Message versions">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous message version"
        disabled={disabled || index <= 0}
        onClick={() => onSelect(index - 1)}
      >
        ‹
      </button>
      <span className="version-pager-label">{`${index + 1} / ${count}`}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Next message version"
        disabled={disabled || index >= count - 1}
        onClick={() => onSelect(index + 1)}
      >
        ›
      </button>
    </div>
  );
}
