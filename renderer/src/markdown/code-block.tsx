import { memo, type CSSProperties } from 'react';
import { CopyButton } from './copy-button';
import type { HighlightedLine } from './highlighter';
import { useHighlight } from './use-highlight';
import { useTranslation } from '../i18n';

interface CodeBlockProps {
  code: string;
  /** The fence's language, '' when it named none. */
  lang: string;
  /** False while the fence is still open: an open fence streams as plain text. */
  highlight: boolean;
}

/** A fenced code block: language label, Copy, and highlighting once the fence has closed. */
export function CodeBlock({ code, lang, highlight }: CodeBlockProps) {
  const lines = useHighlight(lang, code, highlight);
  const { t } = useTranslation();
  // Lines the highlighter has not reached yet (it works top-down) stay plain below.
  const codeLines = lines ? code.split('\n') : [];
  const rest = lines ? codeLines.slice(lines.length).join('\n') : code;
  return (
    <div className="md-code">
      <div className="md-code-header">
        <span className="md-code-lang">{lang || t('markdown.plainText')}</span>
        <CopyButton text={code} label={t('markdown.copyCode')} />
      </div>
      <pre className="md-code-pre" dir="ltr" data-highlighted={lines ? 'true' : undefined}>
        <code>
          {lines?.map((line, index) => (
            <Line key={index} tokens={line} last={index === codeLines.length - 1} />
          ))}
          {rest}
        </code>
      </pre>
    </div>
  );
}

/** One highlighted line; memoized so slices arriving later repaint only their own lines. */
const Line = memo(function Line({ tokens, last }: { tokens: HighlightedLine; last: boolean }) {
  return (
    <span className="md-code-line">
      {tokens.map((token, index) => (
        // The style holds only Shiki's colour variables, read by markdown.css per theme.
        <span key={index} style={token.style as CSSProperties}>
          {token.text}
        </span>
      ))}
      {last ? null : '\n'}
    </span>
  );
});
