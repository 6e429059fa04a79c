import type { McpServerView, McpTransportKind, SaveMcpServerRequest } from '../../../preload/api';

/** One environment variable or header row of the form. */
export interface SecretRow {
  name: string;
  /** What the user typed; '' on a stored row means "keep the stored value". */
  value: string;
  /** The name is saved in main with a value the page never sees. */
  stored: boolean;
}

/** The server form as the user edits it: strings, with arguments one per line. */
export interface ServerDraft {
  id?: string;
  name: string;
  enabled: boolean;
  transport: McpTransportKind;
  command: string;
  /** One argument per line (an argument may contain spaces; a line is one argument). */
  args: string;
  cwd: string;
  url: string;
  env: SecretRow[];
  headers: SecretRow[];
}

/** A problem with the draft: an i18n key under `tools.settings.form` and its values. */
export interface DraftProblem {
  key: string;
  values?: Record<string, string>;
}

/** Names a shell or HTTP allows; the same rule as the save channel's schema (tools.ts). */
const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** An empty form for a new stdio server. */
export function newServerDraft(): ServerDraft {
  return {
    name: '',
    enabled: true,
    transport: 'stdio',
    command: '',
    args: '',
    cwd: '',
    url: '',
    env: [],
    headers: [],
  };
}

/** The form for a saved server: its secret values stay in main, only their names come back. */
export function draftOfServer(server: McpServerView): ServerDraft {
  const stored = (name: string): SecretRow => ({ name, value: '', stored: true });
  return {
    id: server.id,
    name: server.name,
    enabled: server.enabled,
    transport: server.transport,
    command: server.command ?? '',
    args: server.args.join('\n'),
    cwd: server.cwd ?? '',
    url: server.url ?? '',
    env: server.envNames.map(stored),
    headers: server.headerNames.map(stored),
  };
}

/** The draft's arguments: one per line, blank lines dropped, a Windows line end trimmed. */
export function splitArgs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** What is wrong with the draft, in the order the form shows its fields; empty when fine. */
export function draftProblems(draft: ServerDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.name.trim() === '') problems.push({ key: 'nameRequired' });
  if (draft.transport === 'stdio') {
    if (draft.command.trim() === '') problems.push({ key: 'commandRequired' });
  } else if (draft.url.trim() === '') {
    problems.push({ key: 'urlRequired' });
  } else if (!isHttpUrl(draft.url.trim())) {
    problems.push({ key: 'urlInvalid' });
  }
  const rows = draft.transport === 'stdio' ? draft.env : draft.headers;
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '') {
      if (row.value !== '') problems.push({ key: 'rowNameMissing' });
      continue;
    }
    if (!namePattern.test(name)) problems.push({ key: 'rowNameInvalid', values: { name } });
    else if (seen.has(name)) problems.push({ key: 'rowDuplicate', values: { name } });
    seen.add(name);
  }
  return problems;
}

/**
 * The save request for a valid draft. Only the transport's own fields are sent: env for
 * stdio, headers for HTTP. A stored row left empty sends null (keep the stored value); a row
 * removed from the form is left out, which removes it.
 */
export function saveRequestOf(draft: ServerDraft): SaveMcpServerRequest {
  const rowsOf = (rows: SecretRow[]) =>
    Object.fromEntries(
      rows
        .filter((row) => row.name.trim() !== '')
        .map((row) => [row.name.trim(), row.stored && row.value === '' ? null : row.value]),
    );
  const common = {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    enabled: draft.enabled,
    transport: draft.transport,
  };
  if (draft.transport === 'stdio') {
    return {
      ...common,
      command: draft.command.trim(),
      args: splitArgs(draft.args),
      ...(draft.cwd.trim() !== '' ? { cwd: draft.cwd.trim() } : {}),
      env: rowsOf(draft.env),
      headers: {},
    };
  }
  return { ...common, url: draft.url.trim(), args: [], env: {}, headers: rowsOf(draft.headers) };
}

function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol, hostname } = new URL(text);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}
