import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/** Settings: the sites where the human allowed the weaker in-page fill. */
export function credentialInPageSites(takeover: TakeoverService): Handler<'credential.inPageSites'> {
  return { parse: () => ({}), handle: () => takeover.inPageSites() };
}

/** Settings: withdraws the weaker fill for a site (raises protection: no confirmation needed). */
export function credentialRevokeInPage(takeover: TakeoverService): Handler<'credential.revokeInPage'> {
  return { parse: (payload) => ({ origin: stringField(objectPayload(payload), 'origin', 2048) }), handle: ({ origin }) => takeover.revokeInPage(origin) };
}
