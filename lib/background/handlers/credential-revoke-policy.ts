import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

export function credentialRevokePolicy(takeover: TakeoverService): Handler<'credential.revokePolicy'> {
  return { parse: (payload) => ({ id: stringField(objectPayload(payload), 'id', 64) }), handle: ({ id }) => takeover.revokePolicy(id) };
}
