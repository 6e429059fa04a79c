/**
 * The first screen of a conversation with nothing in it yet: Parley's name and mark, a few
 * example prompts (choosing one puts it in the composer, ready to edit or send) and the model
 * that will answer, so which model is in use is clear before the first message. With no model
 * set up, it offers Settings instead.
 */
import { BookOpen, Code, Mail, Map as MapIcon, Settings, type LucideIcon } from 'lucide-react';
import type { ConversationSettingsView, ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { requestDraft } from '../chat/draft-requests';
import { useAnsweringModel } from '../composer/use-answering-model';
import { Button } from '../ui/button';
import { AppMark } from './app-mark';
import { useTranscriptView } from './use-transcript';
import './empty-state.css';
import { useTranslation } from '../i18n';

const prompts: ReadonlyArray<{ key: 'explain' | 'code' | 'email' | 'plan'; icon: LucideIcon }> = [
  { key: 'explain', icon: BookOpen },
  { key: 'code', icon: Code },
  { key: 'email', icon: Mail },
  { key: 'plan', icon: MapIcon },
];

/**
 * The model that answers here: the conversation's own choice if it has one, else the default
 * profile's (or the one from the environment); null when nothing is set up.
 */
function activeModel(
  state: ProfilesState,
  choice: ConversationSettingsView,
): { model: string; provider: string | null } | null {
  const profile =
    state.profiles.find((entry) => entry.id === choice.profileId) ??
    state.profiles.find((entry) => entry.id === state.activeId) ??
    state.profiles[0];
  if (profile) return { model: choice.model ?? profile.model, provider: profile.name };
  if (state.environment) return { model: state.environment.model, provider: null };
  return null;
}

/** The empty conversation's welcome; see the module comment. */
export function EmptyState() {
  const { api, store, openSettings } = useServices();
  const { t } = useTranslation();
  const { conversationId } = useTranscriptView(store);
  const { state, choice } = useAnsweringModel(api, conversationId);

  const answering = state ? activeModel(state, choice) : null;
  return (
    <div className="empty-state">
      <AppMark className="empty-state-mark" />
      <h2 className="empty-state-title">Parley</h2>
      <p className="empty-state-tagline">{t('transcript.empty')}</p>
      {state ? (
        answering ? (
          <p className="empty-state-model">
            {t('emptyState.answeringWith', { model: answering.model })}
            {answering.provider ? (
              <span className="empty-state-provider"> · {answering.provider}</span>
            ) : null}
          </p>
        ) : (
          <div className="empty-state-model">
            <p>{t('emptyState.noModel')}</p>
            <Button icon={Settings} onClick={openSettings}>
              {t('emptyState.setUp')}
            </Button>
          </div>
        )
      ) : null}
      <h3 className="empty-state-examples-title">{t('emptyState.tryOne')}</h3>
      <ul className="empty-state-examples">
        {prompts.map(({ key, icon: Icon }) => (
          <li key={key}>
            <button
              type="button"
              className="empty-state-example"
              onClick={() => requestDraft(t(`emptyState.prompts.${key}`))}
            >
              <Icon className="ui-icon" aria-hidden="true" />
              <span>{t(`emptyState.prompts.${key}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
