import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../preload/api';
import { useServices } from '../app-services';
import { Search } from 'lucide-react';
import { Modal } from '../settings/modal';
import { displayTitle } from '../sidebar/date-groups';
import { DialogClose } from './dialog-close';
import { Snippet } from './snippet';
import { useSearch, type SearchState } from './use-search';
import './search.css';
import { useTranslation } from '../i18n';

interface SearchDialogProps {
  onClose: () => void;
  /** Open the conversation at this hit (the dialog has closed by then). */
  onOpen: (hit: SearchHit) => void;
}

/**
 * Search every conversation: type, move through the hits with the arrow keys, Enter (or a
 * click) opens the conversation at that message. The textbox keeps focus throughout and points
 * at the active hit with aria-activedescendant, as a combobox would.
 */
export function SearchDialog({ onClose, onOpen }: SearchDialogProps) {
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const { t } = useTranslation();
  const search = useSearch(api, query);
  // The active hit belongs to one list of hits: new hits start again at the top.
  const [picked, setPicked] = useState({ hits: search.hits, index: 0 });
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const { hits } = search;
  const activeIndex = picked.hits === hits ? Math.min(picked.index, hits.length - 1) : 0;
  const setActive = (index: number) => setPicked({ hits, index });
  const optionId = (index: number) => `${listId}-hit-${index}`;

  useEffect(() => {
    const option = listRef.current?.children[activeIndex];
    if (option instanceof HTMLElement && typeof option.scrollIntoView === 'function') {
      option.scrollIntoView({ block: 'nearest' });
    }
  }, [activeIndex]);

  function open(hit: SearchHit | undefined) {
    if (!hit) return;
    onClose();
    onOpen(hit);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing || hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(hits[activeIndex]);
    }
  }

  return (
    <Modal title={t('search.title')} onClose={onClose}>
      <div className="search-field">
        <Search className="search-field-icon" aria-hidden="true" />
        <input
          className="search-input"
          type="text"
          aria-label={t('search.input')}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-controls={listId}
          aria-activedescendant={hits.length > 0 ? optionId(activeIndex) : undefined}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <SearchStatus search={search} hasQuery={query.trim() !== ''} />
      <ul
        ref={listRef}
        id={listId}
        className="search-results"
        role="listbox"
        aria-label={t('search.results')}
      >
        {hits.map((hit, index) => (
          // The textbox keeps focus and handles keys; the mouse may still pick an option.
          <li
            key={`${hit.conversationId}:${hit.messageId}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className={index === activeIndex ? 'search-hit is-active' : 'search-hit'}
            onMouseMove={() => setActive(index)}
            onClick={() => open(hit)}
          >
            <span className="search-hit-title">{displayTitle(hit.conversationTitle)}</span>
            <span className="search-hit-role">
              {hit.role === 'user' ? t('search.you') : t('search.reply')}
            </span>
            <Snippet parts={hit.snippet} />
          </li>
        ))}
      </ul>
      <DialogClose onClose={onClose} />
    </Modal>
  );
}

/** The line under the box: what to do, "No results", or why the search failed (announced). */
function SearchStatus({ search, hasQuery }: { search: SearchState; hasQuery: boolean }) {
  const { t } = useTranslation();
  const count = search.hits.length;
  let text = '';
  if (!hasQuery) text = t('search.prompt');
  else if (search.status === 'failed') text = t('search.failed', { error: search.error.message });
  else if (search.status === 'done' && count === 0) text = t('search.none');
  else if (search.status === 'done') text = t('search.count', { count });
  return (
    <p className="search-status" role="status">
      {text}
    </p>
  );
}
