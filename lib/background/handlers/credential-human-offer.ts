import type { Handler } from '../../messaging/router';
import { intField, objectPayload } from '../../messaging/parse';
import type { TakeoverService } from '../../takeover/takeover-service';

export function credentialHumanOffer(takeover: TakeoverService): Handler<'credential.humanOffer'> {
  return { parse: (payload) => ({ tabId: intField(objectPayload(payload), 'tabId') }), handle: ({ tabId }) => takeover.humanOffer(tabId) };
}
