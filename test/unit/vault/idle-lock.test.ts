import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { VaultEditSessions } from '../../../lib/approvals/vault-edit-sessions';
import { vaultIdleLock, vaultSetIdleLock } from '../../../lib/background/handlers/vault-idle-lock';
import type { SenderContext } from '../../../lib/messaging/sender';
import type { VaultServices } from '../../../lib/takeover/vault-service';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_ALARM, idleAlarmScheduler, IdleLockSetting } from '../../../lib/vault/idle-lock';
import { manualClock, openTestVault } from './vault-fixture';

const MASTER = 'correct horse battery staple';
const options: SenderContext = { kind: 'extension-tab', origin: 'chrome-extension://airlock', tabId: 7, windowId: 1, frameId: 0, documentId: 'DOC' } as SenderContext;

describe('the idle time the human sets', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a shorter idle time counts from the last activity and can lock at once; every change reports the deadline', async () => {
    const clock = manualClock();
    const deadlines: Array<number | null> = [];
    const { vault } = await openTestVault({ now: clock.now, timers: clock.timers, idleLockMs: 30 * 60_000, onIdleDeadline: (at) => deadlines.push(at) });
    await vault.create(MASTER);
    const start = clock.now();
    expect(vault.idleDeadline()).toBe(start + 30 * 60_000);
    clock.advance(2 * 60_000);
    vault.setIdleLockMs(5 * 60_000);
    expect(vault.isUnlocked).toBe(true);
    expect(vault.idleDeadline()).toBe(start + 5 * 60_000);
    expect(deadlines.at(-1)).toBe(start + 5 * 60_000);
    clock.advance(3 * 60_000);
    expect(vault.isUnlocked).toBe(false);
    expect(deadlines.at(-1)).toBeNull();

    await vault.unlock(MASTER);
    clock.advance(2 * 60_000);
    vault.setIdleLockMs(60_000);
    expect(vault.isUnlocked).toBe(false);
  });

  it('keeps one alarm at the deadline, skipping small postponements and never keeping a later one than needed', () => {
    const calls: string[] = [];
    const schedule = idleAlarmScheduler({ create: (name, info) => void calls.push(`create ${name} ${info.when}`), clear: (name) => void calls.push(`clear ${name}`) }, 15_000);
    schedule(100_000);
    schedule(110_000); // later by less than the slack: the alarm at 100 s sets the next one itself
    schedule(130_000);
    schedule(90_000); // earlier: must move
    schedule(null);
    expect(calls).toEqual([`create ${IDLE_ALARM} 101000`, `create ${IDLE_ALARM} 131000`, `create ${IDLE_ALARM} 91000`, `clear ${IDLE_ALARM}`]);
  });

  it('shortening is taken from any Airlock page; lengthening needs the edit session; the vault follows at once', async () => {
    const { vault } = await openTestVault();
    await vault.create(MASTER);
    const services = { vault: async () => vault } as unknown as VaultServices;
    const setting = new IdleLockSetting(fakeBrowser.storage.local);
    const sessions = new VaultEditSessions({ session: fakeBrowser.storage.session, now: Date.now });
    const get = vaultIdleLock(setting);
    const set = vaultSetIdleLock(services, setting, sessions);
    expect(await get.handle({}, options)).toMatchObject({ minutes: DEFAULT_IDLE_LOCK_MINUTES });

    await expect(set.handle(set.parse({ minutes: 5 }), options)).resolves.toMatchObject({ minutes: 5 });
    expect(vault.idleDeadline()! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    await expect(set.handle(set.parse({ minutes: 60 }), options)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    expect(await setting.minutes()).toBe(5);

    await sessions.open(options);
    await expect(set.handle(set.parse({ minutes: 60 }), options)).resolves.toMatchObject({ minutes: 60 });
    expect(vault.idleDeadline()! - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(() => set.parse({ minutes: 7 })).toThrow(expect.objectContaining({ code: 'MESSAGE_MALFORMED' }));
  });
});
