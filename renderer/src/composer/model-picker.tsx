import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Check, ChevronDown, Laptop, Sparkles } from 'lucide-react';
import { Popover } from 'radix-ui';
import type {
  ConversationSettingsView,
  ProfilesState,
  ProviderProfileView,
} from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useAnsweringModel } from './use-answering-model';
import { environmentKeyVariable } from '../transcript/key-source';
import { useTranscriptView } from '../transcript/use-transcript';
import { Button } from '../ui/button';
import { lengthLimits } from './length-limit';
import {
  filterGroups,
  hasModel,
  modelGroups,
  type CurrentModel,
  type ModelGroup,
  type ModelOption,
} from './model-options';
import type { ModelChoice } from './use-attachment-draft';
import './model-picker.css';
import { useTranslation } from '../i18n';

/** An entry of the list as the keyboard walks it: a model, or "Use “typed name”". */
type Entry = { kind: 'model'; option: ModelOption } | { kind: 'typed'; model: string };

/**
 * Which profile and model answer in this conversation: a button in the composer's row that
 * names the model, opening a searchable list (WAI-ARIA combobox with a listbox popup,
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): type to filter, arrows to move, Enter
 * to choose, Esc to close. Profiles are groups, servers on this computer after the cloud ones;
 * a name not in the list can be typed and used as it is. In a conversation the choice is that
 * conversation's; before the first message it is the default for new conversations. Without a
 * saved profile the provider from the environment is shown, named by its variable.
 */
export function ModelPicker({
  onModelChange,
}: {
  /** Told the profile and model that will answer (null while unknown), whenever they change. */
  onModelChange?: (choice: ModelChoice | null) => void;
} = {}) {
  const { api, store, notices } = useServices();
  const { t } = useTranslation();
  const { conversationId } = useTranscriptView(store);
  const { state, choice, keepChoice, refresh } = useAnsweringModel(api, conversationId);
  const [open, setOpen] = useState(false);

  const profile =
    state?.profiles.find((entry) => entry.id === choice.profileId) ??
    state?.profiles.find((entry) => entry.id === state.activeId) ??
    state?.profiles[0];
  const environment = !profile ? (state?.environment ?? null) : null;
  const model = choice.model ?? profile?.model ?? environment?.model;
  const answeringId = profile?.id;
  useEffect(() => {
    onModelChange?.(answeringId !== undefined && model ? { profileId: answeringId, model } : null);
  }, [onModelChange, answeringId, model]);

  if (!state || model === undefined || (!profile && !environment)) return null;
  const current: CurrentModel = { profileId: profile?.id ?? null, model };
  const variable = environment ? environmentKeyVariable(state, undefined) : null;
  const source =
    profile?.name ?? t('chatView.modelSwitcher.environment', { variable: variable ?? '' });

  async function choose(profileId: string | null, chosen: string) {
    const name = chosen.trim();
    if (!name || name.length > lengthLimits.modelName) return;
    setOpen(false);
    if (profileId === null) {
      // The environment's provider has no profile to save a default in; a conversation can
      // still choose its model (main reads it with the environment's key).
      if (conversationId === null) return;
      const result = await settle(() =>
        api.conversationSettings.set({ conversationId, model: name }),
      );
      if (!result.ok) return notices.report(t('notices.switchModel'), result.error);
      return keepChoice(conversationId, result.value);
    }
    const target = state?.profiles.find((entry) => entry.id === profileId);
    if (!target) return;
    const result =
      conversationId !== null
        ? await settle(() =>
            api.conversationSettings.set({ conversationId, profileId, model: name }),
          )
        : await chooseDefault(target, name);
    if (!result.ok) return notices.report(t('notices.switchModel'), result.error);
    if (conversationId !== null)
      keepChoice(conversationId, result.value as ConversationSettingsView);
    else await refresh();
  }

  function chooseDefault(target: ProviderProfileView, chosen: string) {
    return settle(async () => {
      const { id, name, preset, kind, baseUrl, headers, defaults } = target;
      const saved = await api.profiles.save({
        id,
        name,
        preset,
        kind,
        baseUrl,
        model: chosen,
        headers,
        defaults,
      });
      return saved.ok ? api.profiles.setActive({ id }) : saved;
    });
  }

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        if (next) void refresh();
        setOpen(next);
      }}
    >
      <Popover.Trigger asChild>
        <Button
          size="sm"
          variant="ghost"
          icon={environment ? Sparkles : profileIsLocal(state, profile) ? Laptop : Sparkles}
          className="composer-chip model-picker-trigger"
          aria-label={t('chatView.modelSwitcher.button', { model, profile: source })}
          title={t('chatView.modelSwitcher.button', { model, profile: source })}
        >
          <span className="model-picker-model">{model}</span>
          <ChevronDown className="model-picker-chevron" aria-hidden="true" />
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="composer-panel model-picker-panel"
          side="top"
          align="start"
          sideOffset={8}
          aria-label={t('modelPicker.label')}
          onEscapeKeyDown={(event) => {
            // Close here and mark the Esc as used, so it does not also stop a streaming reply.
            event.preventDefault();
            setOpen(false);
          }}
        >
          <ModelList
            groups={modelGroups(state, current)}
            current={current}
            typedProfileId={current.profileId}
            typedTarget={source}
            environmentNote={
              environment && variable
                ? t('chatView.modelSwitcher.fromEnvironment', { variable })
                : null
            }
            canChooseEnvironment={conversationId !== null}
            onChoose={(profileId, name) => void choose(profileId, name)}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function profileIsLocal(state: ProfilesState, profile: ProviderProfileView | undefined): boolean {
  return profile !== undefined && state.presets.some((p) => p.id === profile.preset && p.local);
}

interface ModelListProps {
  groups: ModelGroup[];
  current: CurrentModel;
  /** The profile a typed name is used with (the current one; null: the environment's). */
  typedProfileId: string | null;
  /** Its name, for "Use “qwen3” with Ollama". */
  typedTarget: string;
  /** A sentence under the list when the provider came from the environment. */
  environmentNote: string | null;
  /** False before the first message: the environment has no default to change. */
  canChooseEnvironment: boolean;
  onChoose: (profileId: string | null, model: string) => void;
}

/** The search field and the grouped listbox it controls; focus stays in the field. */
function ModelList({
  groups,
  current,
  typedProfileId,
  typedTarget,
  environmentNote,
  canChooseEnvironment,
  onChoose,
}: ModelListProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => filterGroups(groups, query), [groups, query]);
  const typed = query.trim();
  const entries: Entry[] = useMemo(() => {
    const list: Entry[] = shown.flatMap((group) =>
      group.options
        .filter((option) => option.profileId !== null || canChooseEnvironment)
        .map((option) => ({ kind: 'model' as const, option })),
    );
    const canType = typedProfileId !== null || canChooseEnvironment;
    if (typed !== '' && canType && !hasModel(groups, typed))
      list.push({ kind: 'typed', model: typed });
    return list;
  }, [shown, groups, typed, typedProfileId, canChooseEnvironment]);
  const currentIndex = entries.findIndex(
    (entry) =>
      entry.kind === 'model' &&
      entry.option.profileId === current.profileId &&
      entry.option.model === current.model,
  );
  const [active, setActive] = useState(Math.max(0, currentIndex));
  const activeIndex = Math.min(active, entries.length - 1);
  const idOf = (index: number) => `${baseId}-option-${index}`;
  const tooLong = typed.length > lengthLimits.modelName;

  // Keep the active option in view as the arrows move past the list's edge.
  const activeId = idOf(activeIndex);
  useEffect(() => {
    const option = listRef.current?.ownerDocument.getElementById(activeId);
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  function pick(entry: Entry | undefined) {
    if (!entry) return;
    if (entry.kind === 'typed') {
      if (!tooLong) onChoose(typedProfileId, entry.model);
    } else {
      onChoose(entry.option.profileId, entry.option.model);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = entries.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: activeIndex >= last ? 0 : activeIndex + 1,
      ArrowUp: activeIndex <= 0 ? last : activeIndex - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined && last >= 0) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter') {
      // Inside the composer's form: Enter chooses, it never sends the message.
      event.preventDefault();
      pick(entries[activeIndex]);
    }
  }

  const indexOf = new Map(
    entries.map((entry, at) => [entry.kind === 'model' ? entry.option.key : '', at]),
  );
  const optionProps = (entry: Entry, selected: boolean) => {
    const mine =
      entry.kind === 'model' ? (indexOf.get(entry.option.key) ?? -1) : entries.length - 1;
    return {
      id: idOf(mine),
      role: 'option' as const,
      'aria-selected': selected,
      className: mine === activeIndex ? 'model-option is-active' : 'model-option',
      // Keep focus in the search field while the pointer chooses.
      onMouseDown: (event: { preventDefault: () => void }) => event.preventDefault(),
      onMouseMove: () => setActive(mine),
      onClick: () => pick(entry),
    };
  };

  const listId = `${baseId}-list`;
  return (
    <>
      <input
        className="model-picker-search"
        role="combobox"
        aria-label={t('chatView.modelSwitcher.search')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={entries.length > 0 ? idOf(activeIndex) : undefined}
        placeholder={t('chatView.modelSwitcher.searchPlaceholder')}
        maxLength={lengthLimits.modelName + 1}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoFocus
      />
      {tooLong ? (
        <p className="length-note is-over" aria-live="polite">
          {t('chatView.limits.over', { count: typed.length - lengthLimits.modelName })}
        </p>
      ) : null}
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t('modelPicker.label')}
        className="model-picker-list"
      >
        {shown.map((group) => {
          const options = group.options.filter(
            (option) => option.profileId !== null || canChooseEnvironment,
          );
          if (options.length === 0) return null;
          const labelId = `${baseId}-group-${group.key}`;
          return (
            <div key={group.key} role="group" aria-labelledby={labelId}>
              <div id={labelId} className="model-group-label">
                {group.local ? <Laptop className="ui-icon" aria-hidden="true" /> : null}
                {group.local
                  ? t('chatView.modelSwitcher.localGroup', { name: group.label })
                  : group.label}
              </div>
              {options.map((option) => {
                const selected =
                  option.profileId === current.profileId && option.model === current.model;
                return (
                  <div key={option.key} {...optionProps({ kind: 'model', option }, selected)}>
                    <span className="model-option-name">{option.model}</span>
                    {selected ? <Check className="ui-icon" aria-hidden="true" /> : null}
                  </div>
                );
              })}
            </div>
          );
        })}
        {entries.at(-1)?.kind === 'typed' ? (
          <div {...optionProps({ kind: 'typed', model: typed }, false)}>
            <span className="model-option-name">
              {t('chatView.modelSwitcher.useTyped', { name: typed, profile: typedTarget })}
            </span>
          </div>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p className="model-picker-empty">{t('chatView.modelSwitcher.none')}</p>
      ) : null}
      {environmentNote ? <p className="model-picker-note">{environmentNote}</p> : null}
    </>
  );
}
