import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import { AirlockError } from '../../errors/airlock-error';
import { intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { VaultServices } from '../../takeover/vault-service';
import { IDLE_LOCK_CHOICES, isIdleChoice, type IdleLockSetting } from '../../vault/idle-lock';

export function vaultIdleLock(setting: IdleLockSetting): Handler<'vault.idleLock'> {
  return { parse: () => ({}), handle: async () => ({ minutes: await setting.minutes(), choices: IDLE_LOCK_CHOICES }) };
}

/**
 * Sets the idle time. Shortening only adds protection, so any Airlock page may; lengthening keeps an
 * unlocked vault open longer, so it needs the edit session the human confirmed on that page (an agent
 * that opened the options page in a tab has none). Applied to the open vault at once.
 */
export function vaultSetIdleLock(vault: VaultServices, setting: IdleLockSetting, editSessions: VaultEditSessions): Handler<'vault.setIdleLock'> {
  return {
    parse(payload) {
      const minutes = intField(objectPayload(payload), 'minutes');
      if (!isIdleChoice(minutes)) throw new AirlockError('MESSAGE_MALFORMED', `minutes must be one of ${IDLE_LOCK_CHOICES.join(', ')}`);
      return { minutes };
    },
    async handle({ minutes }, sender) {
      if (minutes > (await setting.minutes())) await editSessions.require(sender);
      await setting.set(minutes as (typeof IDLE_LOCK_CHOICES)[number]);
      (await vault.vault()).setIdleLockMs(minutes * 60_000);
      return { minutes, choices: IDLE_LOCK_CHOICES };
    },
  };
}
