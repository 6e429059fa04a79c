/**
 * Parley's mark: the app icon (build/icon.png, two speech bubbles on a rounded square) drawn
 * as inline SVG, so it needs no image request (the page's CSP allows only 'self') and takes
 * its colours from the design tokens in both themes.
 */
export function AppMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 1024 1024" aria-hidden="true" focusable="false">
      <rect className="app-mark-tile" x="64" y="64" width="896" height="896" rx="200" />
      <path
        className="app-mark-back"
        d="M744 452h44c40 0 72 32 72 72v172c0 40-32 72-72 72h-36v84l-100-84H512c-40 0-72-32-72-72h168c75 0 136-61 136-136z"
      />
      <path
        className="app-mark-front"
        d="M236 300h372c40 0 72 32 72 72v188c0 40-32 72-72 72H420l-112 92v-92h-72c-40 0-72-32-72-72V372c0-40 32-72 72-72z"
      />
      <circle className="app-mark-dot" cx="316" cy="466" r="34" />
      <circle className="app-mark-dot" cx="422" cy="466" r="34" />
      <circle className="app-mark-dot" cx="528" cy="466" r="34" />
    </svg>
  );
}
