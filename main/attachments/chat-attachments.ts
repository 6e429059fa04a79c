/**
 * Attachments as the chat service and the composer's preflight use them: checks that a
 * message's files exist, prepares every turn's files for the request's provider and model
 * (`prepareAttachments`, with one cache kept between requests), plans what will happen to files
 * before they are sent (`attachments:plan`), and answers what a model can take
 * (`attachments:capabilities`, `attachments:set-capabilities`).
 */
import type {
  AttachmentPlan,
  AttachmentView,
  ChatError,
  ModelCapabilities,
  PlanAttachmentsRequest,
  SetCapabilitiesRequest,
  Turn,
} from '../../preload/api';
import type { ChatAttachments } from '../chat/chat-service';
import type { ActiveProfile } from '../storage/profile-settings';
import type { AttachmentService } from './attachment-service';
import { planAttachments } from './attachment-plan';
import { blameAttachment } from './attachment-errors';
import type { ModelCapabilityRegistry, ModelTarget } from './capabilities';
import { PreparedCache, prepareAttachments } from './prepare-attachments';

/** What this needs: the files, what models take, and which profile a conversation uses. */
export interface ChatAttachmentsOptions {
  service: AttachmentService;
  capabilities: ModelCapabilityRegistry;
  /** The profile (and model) a conversation's next reply uses; a new conversation: the active one. */
  activeProfile: (conversationId?: string) => Promise<ActiveProfile>;
  /** A saved profile's server, by id (Settings → Models asks about any profile's model). */
  profileServer: (profileId: string) => { kind: ActiveProfile['kind']; baseUrl: string } | null;
  /** The files of a conversation's turns on its current branch (for the >20-images rule). */
  conversationFiles: (conversationId: string) => AttachmentView[];
}

/** Attachments for the chat service and the preflight channels. */
export class ChatAttachmentsService implements ChatAttachments {
  private readonly cache = new PreparedCache();

  constructor(private readonly options: ChatAttachmentsOptions) {}

  views(ids: readonly string[]): AttachmentView[] {
    return this.options.service.views(ids);
  }

  /** Each turn's files for `profile`, with what the request carries; or the file that cannot go. */
  async prepare(
    turns: readonly Turn[],
    profile: ActiveProfile,
  ): ReturnType<ChatAttachments['prepare']> {
    const target = { ...this.targetOf(profile), capabilities: this.capabilitiesOf(profile) };
    const { service } = this.options;
    const source = {
      bytes: async (id: string) => service.bytes(id),
      text: (id: string) => service.text(id),
    };
    // Files the user went on without (migration 7) go as a note in their turn.
    const leaveOut = new Set(
      turns.flatMap((turn) =>
        (turn.attachments ?? []).filter((view) => view.leftOut).map((view) => view.id),
      ),
    );
    const result = await prepareAttachments(turns, target, source, { cache: this.cache, leaveOut });
    if (!('refused' in result)) {
      const { byTurn, sent } = result;
      return { byTurn, blame: (error) => blameAttachment(error, sent) };
    }
    const error: ChatError = {
      kind: 'bad_request',
      message: result.refused.message,
      attachmentId: result.refused.attachmentId,
    };
    return error;
  }

  /** What will happen to `attachmentIds` if sent now in the conversation (`attachments:plan`). */
  async plan(request: PlanAttachmentsRequest): Promise<AttachmentPlan[]> {
    const views = this.views(request.attachmentIds);
    const profile = await this.options.activeProfile(request.conversationId);
    const earlier = request.conversationId
      ? this.options.conversationFiles(request.conversationId)
      : [];
    const target = { ...this.targetOf(profile), capabilities: this.capabilitiesOf(profile) };
    return planAttachments(views, target, earlier);
  }

  /** What a profile's model takes (`attachments:capabilities`). */
  async capabilities(request: { profileId?: string; model: string }): Promise<ModelCapabilities> {
    return this.options.capabilities.get(await this.modelTarget(request));
  }

  /** Override what a profile's model takes (`attachments:set-capabilities`). */
  async setCapabilities(request: SetCapabilitiesRequest): Promise<ModelCapabilities> {
    const target = await this.modelTarget(request);
    return this.options.capabilities.set(target, request.images, request.pdfs);
  }

  private async modelTarget(request: { profileId?: string; model: string }): Promise<ModelTarget> {
    const server = request.profileId ? this.options.profileServer(request.profileId) : null;
    const { kind, baseUrl } = server ?? (await this.options.activeProfile());
    return { kind, baseUrl, model: request.model };
  }

  private targetOf(profile: ActiveProfile): ModelTarget {
    return { kind: profile.kind, baseUrl: profile.baseUrl, model: profile.model };
  }

  private capabilitiesOf(profile: ActiveProfile): ModelCapabilities {
    return this.options.capabilities.get(this.targetOf(profile));
  }
}
