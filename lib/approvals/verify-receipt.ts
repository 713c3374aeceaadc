import type { StoredPasskey } from '../webauthn/types';
import { verifyAssertion } from '../webauthn/verify-assertion';
import { actionChallenge } from './canonical-action';
import type { ApprovalReceipt } from './messages';

/**
 * Checks an approval receipt from the audit log: the assertion signs exactly the canonical action it
 * is stored with, with the given enrolled public key, for Airlock's origin and RP ID. The counter is
 * not checked (later approvals have moved it on).
 */
export async function verifyReceipt(receipt: ApprovalReceipt, passkey: StoredPasskey, origin: string, rpId: string | readonly string[]): Promise<boolean> {
  try {
    const challenge = await actionChallenge(receipt.action);
    await verifyAssertion(receipt.assertion, { ...passkey, signCount: 0 }, { challenge, origin, rpId });
    return true;
  } catch {
    return false;
  }
}
