import { useEffect, useState } from 'react';

/**
 * Whole seconds since `startedAt` (epoch ms), ticking once a second while `active`; null when
 * there is no start time. Clamped at 0 against a clock that differs a little from main's (and
 * against the first second, when the clock read at mount may predate `startedAt`).
 */
export function useElapsedSeconds(startedAt: number | undefined, active: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active || startedAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active, startedAt]);
  if (startedAt === undefined) return null;
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}
