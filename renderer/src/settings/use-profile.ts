import { useEffect, useState } from 'react';
import type { ParleyApi, ProfileView } from '../../../preload/api';
import { settle } from '../chat/settle';
import type { NoticeStore } from '../notices/notice-store';

/** The active provider profile, loaded once at start; a failure becomes a notice. */
export function useProfile(
  api: ParleyApi,
  notices: NoticeStore,
): [ProfileView | null, (profile: ProfileView) => void] {
  const [profile, setProfile] = useState<ProfileView | null>(null);
  useEffect(() => {
    let active = true;
    void settle(() => api.settings.getProfile()).then((result) => {
      if (!active) return;
      if (result.ok) setProfile(result.value);
      else notices.report("Couldn't load your settings.", result.error);
    });
    return () => {
      active = false;
    };
  }, [api, notices]);
  return [profile, setProfile];
}
