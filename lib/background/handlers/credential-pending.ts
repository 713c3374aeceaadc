import type { Handler } from '../../messaging/router';
import type { TakeoverService } from '../../takeover/takeover-service';

export function credentialPending(takeover: TakeoverService): Handler<'credential.pending'> {
  return { parse: () => ({}), handle: () => takeover.pending() };
}
