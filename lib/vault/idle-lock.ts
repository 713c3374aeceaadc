import type { KeyValueArea } from '../agent/registry';
import { STORAGE_ITEMS } from '../storage/items';

/** The human's idle time, in `storage.local` (a setting, not a secret). */
export const IDLE_LOCK_KEY = STORAGE_ITEMS.vaultIdleLock.key;
/** Minutes the options page offers; no "never": an unlocked vault left alone locks in the end. */
export const IDLE_LOCK_CHOICES = [1, 5, 10, 30, 60, 240] as const;
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
/** The alarm that wakes a stopped worker when the idle time runs out, so the key leaves storage.session on time. */
export const IDLE_ALARM = 'airlock-vault-idle';

export function isIdleChoice(value: unknown): value is (typeof IDLE_LOCK_CHOICES)[number] {
  return (IDLE_LOCK_CHOICES as readonly unknown[]).includes(value);
}

/** How long the vault may sit unlocked and unused: the human's choice, else the default. */
export class IdleLockSetting {
  constructor(private readonly local: KeyValueArea) {}

  async minutes(): Promise<number> {
    const stored = (await this.local.get(IDLE_LOCK_KEY))[IDLE_LOCK_KEY];
    return isIdleChoice(stored) ? stored : DEFAULT_IDLE_LOCK_MINUTES;
  }

  async set(minutes: (typeof IDLE_LOCK_CHOICES)[number]): Promise<void> {
    await this.local.set({ [IDLE_LOCK_KEY]: minutes });
  }
}

/**
 * Keeps one alarm at the vault's idle deadline. A deadline a little later than the one already set is
 * left to the alarm's own check (it sets the next one), so frequent activity costs few API calls.
 */
export function idleAlarmScheduler(alarms: { create(name: string, info: { when: number }): unknown; clear(name: string): unknown }, slackMs = 15_000) {
  let scheduled: number | null = null;
  return (deadline: number | null): void => {
    if (deadline === null) {
      scheduled = null;
      void Promise.resolve(alarms.clear(IDLE_ALARM)).catch(() => undefined);
      return;
    }
    if (scheduled !== null && deadline >= scheduled && deadline - scheduled < slackMs) return;
    scheduled = deadline;
    void Promise.resolve(alarms.create(IDLE_ALARM, { when: deadline + 1000 })).catch(() => undefined);
  };
}
