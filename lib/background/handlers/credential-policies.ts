import type { Handler } from '../../messaging/router';
import type { TakeoverService } from '../../takeover/takeover-service';

export function credentialPolicies(takeover: TakeoverService): Handler<'credential.policies'> {
  return { parse: () => ({}), handle: () => takeover.policies() };
}
