/**
 * Keeps the service worker running while something it holds only in memory matters (the open vault's
 * key). Chromium stops an idle extension worker after 30 s, but any extension API call resets that
 * timer (Chromium 110+); one cheap call every 20 s is enough. Measured here without a debugger
 * attached: a worker with this interval lived on for the whole run, one without stopped at 30 s.
 */
export const KEEP_ALIVE_INTERVAL_MS = 20_000;

export interface KeepAlive {
  /** Holds (true) or releases (false) the worker for `reason`; it may idle once nothing holds it. */
  hold(reason: string, held: boolean): void;
  readonly held: boolean;
}

export function keepWorkerAlive(ping: () => Promise<unknown>, intervalMs = KEEP_ALIVE_INTERVAL_MS): KeepAlive {
  const reasons = new Set<string>();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    hold(reason, held) {
      if (held) reasons.add(reason);
      else reasons.delete(reason);
      if (reasons.size > 0 && timer === null) {
        // A failed ping only means the worker may idle sooner; nothing is lost but the open vault.
        timer = setInterval(() => void ping().catch(() => undefined), intervalMs);
      } else if (reasons.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    },
    get held() {
      return reasons.size > 0;
    },
  };
}
