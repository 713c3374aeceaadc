import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseOptionalAssertion, parseProof, parseRegistration } from '../../approvals/parse';
import { checkPasskeyName, type PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/**
 * Enrolling the first authenticator needs the vault's master password (whoever reaches the options
 * page first must not become "the human"); a later one needs an assertion from one already enrolled
 * (checked in the service).
 */
export function passkeyEnroll(passkeys: PasskeyService, confirmation: HumanConfirmation): Handler<'passkey.enroll'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { registration: parseRegistration(record.registration), name: checkPasskeyName(record.name), factor: parseOptionalAssertion(record.factor), proof: parseProof(record.proof) };
    },
    async handle({ registration, name, factor, proof }, sender) {
      // If another passkey is enrolled meanwhile, the service asks for its assertion instead.
      if ((await passkeys.store.list()).length === 0) await confirmation.confirm({ purpose: 'passkey-enroll' }, proof, sender);
      return passkeys.enroll(registration, name, factor);
    },
  };
}
