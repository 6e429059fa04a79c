/**
 * Which profile and model answer in a conversation, as the model switcher and the empty
 * state both show it: the saved profiles (reloaded whenever Settings saves them) and the
 * conversation's own choice (reloaded when the conversation changes).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConversationSettingsView, ParleyApi, ProfilesState } from '../../../preload/api';
import { settle } from '../chat/settle';
import { useProfilesVersion } from '../settings/preferences-store';

/** What `useAnsweringModel` gives: the profiles, the conversation's choice and their setters. */
export interface AnsweringModel {
  /** The saved profiles and the environment's provider; null until main has answered. */
  state: ProfilesState | null;
  /** The conversation's own profile and model; empty while loading, or with no conversation. */
  choice: ConversationSettingsView;
  /** Keeps a choice main has just saved for `conversationId`. */
  keepChoice: (conversationId: string, choice: ConversationSettingsView) => void;
  /** Reads the profiles again (after saving a default, or when the switcher opens). */
  refresh: () => Promise<void>;
}

/**
 * Loads the profiles and `conversationId`'s choice. A failed read leaves the last value (the
 * switcher then shows nothing rather than a wrong model). The choice is tagged with its
 * conversation, so switching conversations never shows the last one's choice.
 */
export function useAnsweringModel(api: ParleyApi, conversationId: string | null): AnsweringModel {
  const [state, setState] = useState<ProfilesState | null>(null);
  const [loaded, setLoaded] = useState<{ id: string; choice: ConversationSettingsView } | null>(
    null,
  );
  const profilesVersion = useProfilesVersion(api);

  useEffect(() => {
    let live = true;
    void settle(() => api.profiles.list()).then((result) => {
      if (live && result.ok) setState(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, profilesVersion]);
  useEffect(() => {
    if (conversationId === null) return;
    let live = true;
    void settle(() => api.conversationSettings.get({ conversationId })).then((result) => {
      if (live && result.ok) setLoaded({ id: conversationId, choice: result.value });
    });
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  const refresh = useCallback(async () => {
    const result = await settle(() => api.profiles.list());
    if (result.ok) setState(result.value);
  }, [api]);
  const keepChoice = useCallback(
    (id: string, choice: ConversationSettingsView) => setLoaded({ id, choice }),
    [],
  );

  return {
    state,
    choice: loaded && loaded.id === conversationId ? loaded.choice : {},
    keepChoice,
    refresh,
  };
}
