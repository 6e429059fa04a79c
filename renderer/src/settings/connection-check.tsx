import { useState } from 'react';
import type { ConnectionTestRequest, ConnectionTestResult } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';

/** Which field a failed test points at. */
const problemHints: Record<Exclude<ConnectionTestResult, { ok: true }>['problem'], string> = {
  wrong_key: 'Check the API key.',
  unreachable: 'Check the base URL and that the server is running.',
  tls: 'Check the base URL (https?) and, on a company network, its certificate.',
  unknown_model: 'Check the model name, or load the list of models.',
  wrong_base_url: 'Check the base URL.',
  other: '',
};

/** "Test connection": one tiny real request with the form as it stands; says what is wrong. */
export function ConnectionCheck({ request }: { request: () => ConnectionTestRequest | null }) {
  const { api } = useServices();
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function run() {
    const payload = request();
    if (!payload) return;
    setTesting(true);
    setOutcome(null);
    const result = await settle(() => api.connection.test(payload));
    setTesting(false);
    if (!result.ok) return setOutcome({ ok: false, text: result.error.message });
    const value = result.value;
    if (value.ok) return setOutcome({ ok: true, text: value.message });
    const hint = problemHints[value.problem];
    setOutcome({ ok: false, text: `${value.error.message}${hint ? ` ${hint}` : ''}` });
  }

  return (
    <div className="settings-test">
      <button type="button" disabled={testing} onClick={() => void run()}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      <p role="status" className={outcome && !outcome.ok ? 'settings-error' : 'settings-status'}>
        {outcome?.text}
      </p>
    </div>
  );
}
