import { useId, useState } from 'react';
import { ChevronRight } from 'lucide-react';
import type { ToolResult, ToolResultContent } from '../../../preload/api';
import { CopyButton } from '../markdown/copy-button';
import { SafeLink } from '../markdown/markdown-components';
import { StreamingMarkdown } from '../markdown/streaming-markdown';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';

/** An image type a data: URL may carry into an <img> (nothing that is not an image). */
const imageType = /^image\/[a-z0-9.+-]+$/i;
/** Base64, nothing else: the data: URL cannot be bent into another attribute or scheme. */
const base64 = /^[A-Za-z0-9+/=\s]*$/;

/** The result's words, for Copy: text blocks, and resources by their text or address. */
export function resultText(result: ToolResult): string {
  return result.content
    .map((block) => {
      if (block.type === 'text') return block.text;
      if (block.type === 'resource') return block.text ?? block.uri;
      return '';
    })
    .filter((text) => text !== '')
    .join('\n\n');
}

/**
 * A tool's answer, collapsed until the user opens it. Its text is hostile input (a server or a
 * web page it read may have written it), so it goes through the same sanitizing markdown as a
 * reply; images show only as data: URLs of image types.
 */
export function ToolResultView({ result }: { result: ToolResult }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const text = resultText(result);
  return (
    <div className={result.isError ? 'tool-result tool-result-error' : 'tool-result'}>
      <div className="tool-result-bar">
        <Button
          size="sm"
          variant="ghost"
          icon={ChevronRight}
          className="tool-result-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          {result.isError ? t('tools.result.error') : t('tools.result.label')}
        </Button>
        {text !== '' ? <CopyButton text={text} label={t('tools.result.copy')} /> : null}
      </div>
      {result.truncated ? (
        <p className="tool-result-note">
          {t('tools.result.truncated', {
            kept: result.truncated.keptChars,
            total: result.truncated.totalChars,
          })}
        </p>
      ) : null}
      <div id={bodyId} className="tool-result-body" hidden={!open}>
        {open
          ? result.content.map((block, index) => <ResultBlock key={index} block={block} />)
          : null}
        {open && result.content.length === 0 ? (
          <p className="tool-result-note">{t('tools.result.empty')}</p>
        ) : null}
      </div>
    </div>
  );
}

function ResultBlock({ block }: { block: ToolResultContent }) {
  const { t } = useTranslation();
  if (block.type === 'text') {
    return (
      <div className="tool-result-text">
        <StreamingMarkdown text={block.text} streaming={false} />
      </div>
    );
  }
  if (block.type === 'image') {
    if (!imageType.test(block.mimeType) || !base64.test(block.data)) {
      return <p className="tool-result-note">{t('tools.result.badImage')}</p>;
    }
    return (
      <img
        className="tool-result-image"
        src={`data:${block.mimeType};base64,${block.data.replace(/\s/g, '')}`}
        alt={t('tools.result.image')}
      />
    );
  }
  return (
    <div className="tool-result-resource">
      <p className="tool-result-uri">
        {block.name ? <strong>{block.name} </strong> : null}
        {/* Live only when the link policy allows its scheme; otherwise just its words. */}
        <SafeLink href={block.uri}>{block.uri}</SafeLink>
      </p>
      {block.text !== undefined ? <pre className="tool-result-pre">{block.text}</pre> : null}
    </div>
  );
}
