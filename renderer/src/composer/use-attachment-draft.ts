import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AddAttachmentsResult,
  AttachmentPlan,
  AttachmentProblem,
  AttachmentView,
  IpcResult,
  ParleyApi,
} from '../../../preload/api';
import { settle } from '../chat/settle';
import type { NoticeStore } from '../notices/notice-store';
import { t } from '../i18n';

/** The profile and model that will answer the message (what capabilities are keyed by). */
export interface ModelChoice {
  profileId: string;
  model: string;
}

/** The files attached to the message being written, and what will happen to them. */
export interface AttachmentDraft {
  /** Attached so far, in the order added; each id once. */
  readonly items: readonly AttachmentView[];
  /** Files the last add refused (too big, binary…), with main's reason. */
  readonly problems: readonly AttachmentProblem[];
  /** True while files are being read and checked by main. */
  readonly pending: boolean;
  /** What the current model will do with each item, by id (missing until main answers). */
  readonly plans: ReadonlyMap<string, AttachmentPlan>;
  /** True while the plan for the current items and model is being asked for. */
  readonly planning: boolean;
  /** Items the current model cannot take: the message cannot go with them. */
  readonly refused: readonly AttachmentView[];
  /** Attach dropped or pasted files. */
  add(files: readonly File[]): Promise<void>;
  /** Attach files from main's file dialog. */
  pick(): Promise<void>;
  remove(id: string): void;
  /** Take these ids off the draft (after they were sent). */
  clear(ids: readonly string[]): void;
  dismissProblems(): void;
  /** Tell Parley the current model takes images after all, then ask for the plan again. */
  allowImages(): Promise<void>;
  /** The user says this model reads PDFs as PDFs: save that override and plan again. */
  allowPdfs(): Promise<void>;
}

/**
 * The draft's attachments: adds them through main (which reads and checks every file), keeps
 * the chips, and asks main what the model will do with them whenever the chips, the
 * conversation or the model change. Lives in the composer next to the draft text, so it goes
 * where the text goes. Failures of the bridge become notices; refusals of files are `problems`.
 */
export function useAttachmentDraft(
  api: ParleyApi,
  notices: NoticeStore,
  conversationId: string | null,
  model: ModelChoice | null,
  /** Files already on the message (editing a sent one); a new message starts with none. */
  initial: readonly AttachmentView[] = [],
): AttachmentDraft {
  const [items, setItems] = useState<readonly AttachmentView[]>(initial);
  const [problems, setProblems] = useState<readonly AttachmentProblem[]>([]);
  const [pendingCount, setPendingCount] = useState(0);
  const [planned, setPlanned] = useState<{ key: string; plans: AttachmentPlan[] } | null>(null);
  // Bumped to ask again for the same items (after the user changed what a model can take).
  const [planVersion, setPlanVersion] = useState(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const take = useCallback(
    async (call: () => Promise<IpcResult<AddAttachmentsResult | null>>) => {
      setPendingCount((count) => count + 1);
      const result = await settle(call);
      if (!live.current) return;
      setPendingCount((count) => count - 1);
      if (!result.ok) return notices.report(t('notices.attach'), result.error);
      // null: the user cancelled the dialog; nothing changes.
      if (result.value === null) return;
      const { added, problems: refused } = result.value;
      setItems((current) => {
        const known = new Set(current.map((item) => item.id));
        // The same file twice is one attachment (its id is its content's hash).
        const fresh = added.filter((item) => !known.has(item.id) && known.add(item.id));
        return fresh.length === 0 ? current : [...current, ...fresh];
      });
      setProblems(refused);
    },
    [notices],
  );

  const add = useCallback(
    (files: readonly File[]) =>
      files.length === 0 ? Promise.resolve() : take(() => api.attachments.addFiles(files)),
    [api, take],
  );
  const pick = useCallback(() => take(() => api.attachments.pick()), [api, take]);
  const remove = useCallback(
    (id: string) => setItems((current) => current.filter((item) => item.id !== id)),
    [],
  );
  const clear = useCallback((ids: readonly string[]) => {
    const sent = new Set(ids);
    setItems((current) => current.filter((item) => !sent.has(item.id)));
    setProblems([]);
  }, []);
  const dismissProblems = useCallback(() => setProblems([]), []);

  const ids = items.map((item) => item.id);
  // What the plan depends on, as one string: an answer for another key is stale.
  const planKey = JSON.stringify([ids, conversationId, model, planVersion]);
  useEffect(() => {
    if (ids.length === 0) return;
    let current = true;
    const request =
      conversationId === null ? { attachmentIds: ids } : { conversationId, attachmentIds: ids };
    void settle(() => api.attachments.plan(request)).then((result) => {
      if (!current) return;
      if (result.ok) setPlanned({ key: planKey, plans: result.value });
      else {
        // Unknown plans do not block Send: main checks again when the message goes.
        setPlanned({ key: planKey, plans: [] });
        notices.report(t('notices.planAttachments'), result.error);
      }
    });
    return () => {
      current = false;
    };
    // planKey stands for ids, conversationId, model and planVersion.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, notices, planKey]);

  const planning = ids.length > 0 && planned?.key !== planKey;
  const plans = useMemo(() => {
    const byId = new Map<string, AttachmentPlan>();
    if (planned?.key === planKey) for (const plan of planned.plans) byId.set(plan.id, plan);
    return byId;
  }, [planned, planKey]);
  const refused = useMemo(
    () => items.filter((item) => plans.get(item.id)?.action === 'refuse'),
    [items, plans],
  );

  /**
   * The user says the model takes `kind` (images, or PDFs as PDFs): save that override for the
   * current profile and model, keeping an override of the other kind the user set before, and
   * plan again.
   */
  const allow = useCallback(
    async (kind: 'images' | 'pdfs') => {
      if (model === null) return;
      const { profileId, model: name } = model;
      const known = await settle(() => api.attachments.capabilities({ profileId, model: name }));
      const kept = known.ok && known.value.source === 'user' ? known.value : null;
      const images = kind === 'images' ? true : (kept?.images ?? null);
      const pdfs = kind === 'pdfs' ? true : (kept?.pdfs ?? null);
      const result = await settle(() =>
        api.attachments.setCapabilities({ profileId, model: name, images, pdfs }),
      );
      if (!live.current) return;
      if (!result.ok) return notices.report(t('notices.setCapabilities'), result.error);
      setPlanVersion((version) => version + 1);
    },
    [api, model, notices],
  );
  const allowImages = useCallback(() => allow('images'), [allow]);
  const allowPdfs = useCallback(() => allow('pdfs'), [allow]);

  return {
    items,
    problems,
    pending: pendingCount > 0,
    plans,
    planning,
    refused,
    add,
    pick,
    remove,
    clear,
    dismissProblems,
    allowImages,
    allowPdfs,
  };
}
