import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseConfirmPurpose } from '../../approvals/parse';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/** Tells a page what to ask the human for; the answer is decided again when the proof arrives. */
export function confirmMethod(confirmation: HumanConfirmation): Handler<'confirm.method'> {
  return {
    parse: (payload) => ({ purpose: parseConfirmPurpose(objectPayload(payload).purpose) }),
    handle: async ({ purpose }) => ({ method: await confirmation.method(purpose) }),
  };
}
