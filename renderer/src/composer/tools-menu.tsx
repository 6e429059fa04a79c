import { useEffect, useState } from 'react';
import { Wrench } from 'lucide-react';
import { Popover } from 'radix-ui';
import type { McpServerView } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { useToolsState } from '../tools/use-tool-servers';
import { useTranscriptView } from '../transcript/use-transcript';
import { Button } from '../ui/button';

/**
 * Which MCP servers this conversation's model may use: a button in the composer's row ("Tools:
 * 2 servers") opening a panel (Radix popover) with the enabled servers as checkboxes. Saved as the conversation's `toolServerIds`
 * (null: every enabled server; []: tools off). Hidden while no server is configured.
 */
export function ToolsMenu() {
  const { api, store } = useServices();
  const { conversationId } = useTranscriptView(store);
  const { state, reload } = useToolsState(api);
  const { t } = useTranslation();
  const servers = state?.servers ?? [];
  if (servers.length === 0) return null;
  const enabled = servers.filter((server) => server.enabled);
  if (conversationId === null) {
    return (
      <Button
        size="sm"
        variant="ghost"
        icon={Wrench}
        className="composer-chip"
        disabled
        title={t('systemPrompt.needsConversation')}
      >
        {buttonText(enabled.length, t)}
      </Button>
    );
  }
  return (
    <ToolsMenuFor
      key={conversationId}
      conversationId={conversationId}
      enabled={enabled}
      onOpen={() => void reload()}
    />
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function buttonText(count: number, t: Translate): string {
  return count === 0 ? t('tools.composer.off') : t('tools.composer.button', { count });
}

interface ToolsMenuForProps {
  conversationId: string;
  /** The servers switched on in Settings: the only ones a conversation can choose. */
  enabled: McpServerView[];
  onOpen: () => void;
}

function ToolsMenuFor({ conversationId, enabled, onOpen }: ToolsMenuForProps) {
  const { api, notices } = useServices();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // undefined: every enabled server (nothing chosen for this conversation).
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void settle(() => api.conversationSettings.get({ conversationId })).then((result) => {
      if (live && result.ok) setChosen(result.value.toolServerIds ?? undefined);
    });
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  const active = enabled.filter((server) => chosen === undefined || chosen.includes(server.id));

  async function save(toolServerIds: string[] | null) {
    const result = await settle(() =>
      api.conversationSettings.set({ conversationId, toolServerIds }),
    );
    if (!result.ok) return notices.report(t('tools.composer.saveFailed'), result.error);
    setChosen(result.value.toolServerIds ?? undefined);
  }

  const toggle = (id: string, on: boolean) => {
    const ids = active.map((server) => server.id).filter((existing) => existing !== id);
    void save(on ? [...ids, id] : ids);
  };

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        if (next) onOpen();
        setOpen(next);
      }}
    >
      <Popover.Trigger asChild>
        <Button
          size="sm"
          variant="ghost"
          icon={Wrench}
          className={active.length > 0 ? 'composer-chip is-set' : 'composer-chip'}
        >
          {buttonText(active.length, t)}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="composer-panel tools-menu-list"
          side="top"
          align="start"
          sideOffset={8}
          aria-label={t('tools.composer.menu')}
          onEscapeKeyDown={(event) => {
            // Close here and mark the Esc as used, so it does not also stop a streaming reply.
            event.preventDefault();
            setOpen(false);
          }}
        >
          <p className="composer-panel-title">{t('tools.composer.menu')}</p>
          <div role="group" aria-label={t('tools.composer.menu')} className="tools-menu-group">
            {enabled.map((server) => (
              <label key={server.id} className="tools-menu-item">
                <input
                  type="checkbox"
                  checked={active.some((one) => one.id === server.id)}
                  onChange={(event) => toggle(server.id, event.target.checked)}
                />
                {server.name}
              </label>
            ))}
            {chosen !== undefined ? (
              <div className="composer-panel-actions">
                <Button size="sm" variant="ghost" onClick={() => void save(null)}>
                  {t('tools.composer.allEnabled')}
                </Button>
              </div>
            ) : null}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
