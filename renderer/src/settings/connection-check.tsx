import { useState } from 'react';
import type { ConnectionTestRequest, ConnectionTestResult } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { PlugZap } from 'lucide-react';
import { t as translate, useTranslation } from '../i18n';
import { Button } from '../ui/button';

/** Which field a failed test points at (none for "other"). */
function problemHint(problem: Exclude<ConnectionTestResult, { ok: true }>['problem']): string {
  return problem === 'other' ? '' : translate(`connection.hints.${problem}`);
}

/** "Test connection": one tiny real request with the form as it stands; says what is wrong. */
export function ConnectionCheck({ request }: { request: () => ConnectionTestRequest | null }) {
  const { api } = useServices();
  const { t } = useTranslation();
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
    const hint = problemHint(value.problem);
    setOutcome({ ok: false, text: `${value.error.message}${hint ? ` ${hint}` : ''}` });
  }

  return (
    <div className="settings-test">
      <Button icon={PlugZap} disabled={testing} onClick={() => void run()}>
        {testing ? t('connection.testing') : t('connection.test')}
      </Button>
      <p role="status" className={outcome && !outcome.ok ? 'settings-error' : 'settings-status'}>
        {outcome?.text}
      </p>
    </div>
  );
}
