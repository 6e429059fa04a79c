import { useCallback, useEffect, useState } from 'react';
import type { McpServerView, ParleyApi, ToolsState } from '../../../preload/api';
import { settle } from '../chat/settle';

/** A server's new view merged into the list: replaced where its id is, else added at the end. */
export function mergeServer(
  servers: readonly McpServerView[],
  server: McpServerView,
): McpServerView[] {
  const at = servers.findIndex((existing) => existing.id === server.id);
  if (at === -1) return [...servers, server];
  return servers.map((existing, index) => (index === at ? server : existing));
}

/**
 * Settings → Tools' state, loaded from main and kept current by `tools:server-changed` (a
 * server starting, connecting, failing). `start`: ask main to start enabled servers that are
 * not running (Settings does; the composer's menu only lists them, so nothing starts at launch). `state` is null until the first load answers; `error`
 * is main's sentence when it failed. `reload` asks again; `setState` takes a state a channel
 * returned.
 */
export function useToolsState(api: ParleyApi, options: { start?: boolean } = {}) {
  const start = options.start ?? false;
  const [state, setState] = useState<ToolsState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(() => api.tools.state({ start }));
    if (result.ok) {
      setState(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [api, start]);

  useEffect(() => {
    let live = true;
    void settle(() => api.tools.state({ start })).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.value);
      else setError(result.error.message);
    });
    const unsubscribe = api.tools.onServerChanged((server) =>
      setState((current) =>
        current ? { ...current, servers: mergeServer(current.servers, server) } : current,
      ),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, start]);

  return { state, error, reload, setState };
}
