import { act, fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { McpServerView, SaveMcpServerRequest, ToolsState } from '../../../preload/api';
import { createFakeParley, emptyToolsState, makeServer } from '../support/fake-parley';
import { flushAsync, renderApp } from '../support/render-app';
import { field, openSettings } from './settings-helpers';

/** Open Settings → Tools over a fake whose `tools:state` is `state`. */
async function openTools(state: Partial<ToolsState> = {}) {
  const fake = createFakeParley();
  fake.respond('tools:state', () => ({ ...emptyToolsState(), ...state }));
  const app = await renderApp(fake);
  const dialog = await openSettings();
  fireEvent.click(within(dialog).getByRole('tab', { name: 'Tools' }));
  await flushAsync();
  return { app, dialog };
}

/** The first env/header row's name field (the form's own Name field comes first). */
function rowName(form: HTMLElement): HTMLElement {
  const row = within(form).getAllByLabelText('Name')[1];
  if (!row) throw new Error('no env row');
  return row;
}

const problem = {
  message: 'The command "uvx" was not found.',
  command: 'uvx',
  exitCode: 127,
  stderrTail: ['sh: uvx: not found'],
  hints: ['Install uv, then restart Parley.'],
};

const failedServer = makeServer({
  id: 'server-2',
  name: 'python',
  command: 'uvx',
  args: ['mcp-server-time'],
  envNames: ['API_TOKEN'],
  tools: [],
  status: { state: 'failed', problem },
});

describe('Settings → Tools', () => {
  it('lists servers with their state and the doctor findings of a failed one', async () => {
    const { dialog } = await openTools({ servers: [makeServer(), failedServer] });
    const list = within(dialog).getByRole('list', { name: 'MCP servers' });
    const everything = within(list).getByRole('listitem', { name: 'everything' });
    expect(everything.textContent).toContain('connected · 1 tool');
    const python = within(list).getByRole('listitem', { name: 'python' });
    expect(python.textContent).toContain('failed');
    expect(python.textContent).toContain('The command "uvx" was not found.');
    expect(python.textContent).toContain('Command: uvx');
    expect(python.textContent).toContain('Exit code: 127');
    expect(python.querySelector('pre')?.textContent).toBe('sh: uvx: not found');
    expect(python.textContent).toContain('Install uv, then restart Parley.');
  });

  it('follows live status changes from main', async () => {
    const { app, dialog } = await openTools({ servers: [failedServer] });
    act(() =>
      app.fake.emitServerChanged({
        ...failedServer,
        status: { state: 'restarting', attempt: 2, delayMs: 1500, problem },
      }),
    );
    expect(within(dialog).getByRole('listitem', { name: 'python' }).textContent).toContain(
      'restarting in 2 s (attempt 2)',
    );
    act(() =>
      app.fake.emitServerChanged({ ...failedServer, status: { state: 'connected', toolCount: 3 } }),
    );
    const item = within(dialog).getByRole('listitem', { name: 'python' });
    expect(item.textContent).toContain('connected · 3 tools');
    expect(item.textContent).not.toContain('was not found');
  });

  it('Retry connects again; the switch saves the server without touching its secrets', async () => {
    const { app, dialog } = await openTools({ servers: [failedServer] });
    app.fake.respond('tools:connect-server', () => ({
      ...failedServer,
      status: { state: 'starting' },
    }));
    app.fake.respond('tools:save-server', (payload) => ({
      ...failedServer,
      enabled: (payload as SaveMcpServerRequest).enabled,
    }));
    const item = within(dialog).getByRole('listitem', { name: 'python' });
    fireEvent.click(within(item).getByRole('button', { name: 'Retry' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:connect-server')).toEqual([{ id: 'server-2' }]);
    expect(item.textContent).toContain('starting…');

    fireEvent.click(within(item).getByRole('switch', { name: 'Use python' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:save-server')).toEqual([
      {
        id: 'server-2',
        name: 'python',
        enabled: false,
        transport: 'stdio',
        command: 'uvx',
        args: ['mcp-server-time'],
        env: { API_TOKEN: null },
        headers: {},
      },
    ]);
    expect(
      (within(item).getByRole('switch', { name: 'Use python' }) as HTMLInputElement).checked,
    ).toBe(false);
  });

  it('Remove asks first, then removes', async () => {
    const { app, dialog } = await openTools({ servers: [makeServer()] });
    const item = within(dialog).getByRole('listitem', { name: 'everything' });
    fireEvent.click(within(item).getByRole('button', { name: 'Remove' }));
    expect(app.fake.callsTo('tools:remove-server')).toEqual([]);
    const confirm = within(item).getByRole('group', {
      name: 'Remove everything? Its tools and rules go with it.',
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:remove-server')).toEqual([{ id: 'server-1' }]);
    expect(within(dialog).queryByRole('listitem', { name: 'everything' })).toBeNull();
  });

  it('lists a server’s tools with badges and switches each one', async () => {
    const server = makeServer({
      tools: [
        { name: 'add', readOnly: true, destructive: false, enabled: true },
        { name: 'delete_file', readOnly: false, destructive: true, enabled: true },
      ],
    });
    const { app, dialog } = await openTools({ servers: [server] });
    app.fake.respond('tools:set-tool-enabled', () => ({
      ...server,
      tools: server.tools.map((tool) =>
        tool.name === 'delete_file' ? { ...tool, enabled: false } : tool,
      ),
    }));
    const show = within(dialog).getByRole('button', { name: 'Show 2 tools' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(show);
    expect(show.getAttribute('aria-expanded')).toBe('true');
    const tools = within(dialog).getAllByRole('switch', { name: /^Offer / });
    expect(tools.map((box) => box.closest('li')?.textContent)).toEqual([
      'addread-only',
      'delete_filemay change things',
    ]);
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Offer delete_file to the model' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:set-tool-enabled')).toEqual([
      { serverId: 'server-1', tool: 'delete_file', enabled: false },
    ]);
    expect(
      (
        within(dialog).getByRole('switch', {
          name: 'Offer delete_file to the model',
        }) as HTMLInputElement
      ).checked,
    ).toBe(false);
  });

  it('adds a stdio server: plain-word problems first, then arguments one per line and env', async () => {
    const { app, dialog } = await openTools();
    let saved: McpServerView | null = null;
    app.fake.respond('tools:save-server', (payload) => {
      const request = payload as SaveMcpServerRequest;
      saved = makeServer({ id: 'server-9', name: request.name, envNames: ['TOKEN'] });
      return saved;
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add server' }));
    const form = within(dialog).getByRole('form', { name: 'Add MCP server' });
    expect(document.activeElement).toBe(field(form, 'Name'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Give the server a name.A stdio server needs a command to run.',
    );
    expect(app.fake.callsTo('tools:save-server')).toEqual([]);

    fireEvent.change(field(form, 'Name'), { target: { value: 'files' } });
    fireEvent.change(field(form, 'Command'), { target: { value: 'npx' } });
    fireEvent.change(field(form, 'Arguments (one per line)'), {
      target: { value: '-y\n@modelcontextprotocol/server-filesystem\n\n/home/me/My Files\n' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    fireEvent.change(rowName(form), { target: { value: '1BAD' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      '"1BAD" is not a valid name: use letters, digits, _ . - and start with a letter or _.',
    );
    fireEvent.change(rowName(form), { target: { value: 'TOKEN' } });
    fireEvent.change(field(form, 'Value'), { target: { value: 's3cret' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:save-server')).toEqual([
      {
        name: 'files',
        enabled: true,
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Files'],
        env: { TOKEN: 's3cret' },
        headers: {},
      },
    ]);
    expect(within(dialog).queryByRole('form')).toBeNull();
    expect(within(dialog).getByRole('listitem', { name: 'files' })).toBeTruthy();
  });

  it('edits an HTTP server: a stored header left empty is kept (null), a removed one is left out', async () => {
    const server = makeServer({
      transport: 'streamable-http',
      command: undefined,
      args: [],
      url: 'https://mcp.example.com/mcp',
      headerNames: ['Authorization', 'X-Old'],
    });
    const { app, dialog } = await openTools({ servers: [server] });
    app.fake.respond('tools:save-server', () => server);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Edit' }));
    const form = within(dialog).getByRole('form', { name: 'Edit everything' });
    const values = within(form).getAllByLabelText('Value') as HTMLInputElement[];
    expect(values.map((input) => [input.value, input.placeholder])).toEqual([
      ['', 'stored — leave empty to keep'],
      ['', 'stored — leave empty to keep'],
    ]);
    fireEvent.click(within(form).getByRole('button', { name: 'Remove X-Old' }));
    fireEvent.change(field(form, 'URL'), { target: { value: 'ftp://nope' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'The URL must start with http:// or https://.',
    );
    fireEvent.change(field(form, 'URL'), { target: { value: 'https://mcp.example.com/v2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:save-server')).toEqual([
      {
        id: 'server-1',
        name: 'everything',
        enabled: true,
        transport: 'streamable-http',
        url: 'https://mcp.example.com/v2',
        args: [],
        env: {},
        headers: { Authorization: null },
      },
    ]);
  });

  it('imports pasted JSON or a chosen file, and says what was skipped and why', async () => {
    const { app, dialog } = await openTools();
    app.fake.respond('tools:import-servers', (payload) =>
      (payload as { json?: string }).json === undefined
        ? null
        : {
            added: [makeServer({ id: 'server-5', name: 'time' })],
            skipped: [{ name: 'broken', reason: 'It has no command or url.' }],
          },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import…' }));
    const panel = within(dialog).getByRole('region', { name: 'Import servers' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Choose file…' }));
    await flushAsync();
    // Cancelled in the file dialog: nothing said.
    expect(within(panel).queryByRole('status')).toBeNull();

    const json = '{"mcpServers":{"time":{"command":"uvx","args":["mcp-server-time"]}}}';
    fireEvent.change(field(panel, 'mcpServers JSON'), { target: { value: json } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:import-servers')).toEqual([{}, { json }]);
    const status = within(panel).getByRole('status');
    expect(status.textContent).toContain('Added 1 server.');
    expect(status.textContent).toContain('Skipped broken: It has no command or url.');
    expect(within(dialog).getByRole('listitem', { name: 'time' })).toBeTruthy();
  });

  it('lists rules with Remove, and saves preferences', async () => {
    const rules: ToolsState['rules'] = [
      {
        id: 'rule-1',
        serverId: 'server-1',
        serverName: 'everything',
        tool: 'add',
        scope: 'always',
      },
      {
        id: 'rule-2',
        serverId: 'server-1',
        serverName: 'everything',
        tool: 'echo',
        scope: 'conversation',
        conversationId: 'conv-1',
        conversationTitle: 'Sums',
      },
    ];
    const { app, dialog } = await openTools({ servers: [makeServer()], rules });
    const rulesRegion = within(dialog).getByRole('region', { name: 'Permission rules' });
    expect(
      within(rulesRegion)
        .getAllByRole('listitem')
        .map((item) => item.firstChild?.textContent),
    ).toEqual(['add on everything · always', 'echo on everything · in Sums']);
    app.fake.respond('tools:remove-rule', () => ({
      ...emptyToolsState(),
      servers: [makeServer()],
      rules: rules.slice(1),
    }));
    fireEvent.click(within(rulesRegion).getByRole('button', { name: 'Remove rule for add' }));
    await flushAsync();
    expect(app.fake.callsTo('tools:remove-rule')).toEqual([{ id: 'rule-1' }]);
    expect(within(rulesRegion).getAllByRole('listitem')).toHaveLength(1);

    const steps = field<HTMLInputElement>(dialog, 'Steps one reply may take (1–100)');
    expect(steps.value).toBe('20');
    fireEvent.change(steps, { target: { value: '500' } });
    fireEvent.blur(steps);
    expect(within(dialog).getByText('Enter a whole number from 1 to 100.')).toBeTruthy();
    fireEvent.change(steps, { target: { value: '35' } });
    fireEvent.blur(steps);
    fireEvent.click(
      within(dialog).getByRole('switch', { name: 'Run read-only tools without asking' }),
    );
    await flushAsync();
    expect(app.fake.callsTo('tools:set-preferences')).toEqual([
      { stepLimit: 35 },
      { autoAllowReadOnly: true },
    ]);
  });
});
