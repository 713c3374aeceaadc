import type { Handler } from '../../messaging/router';
import type { TakeoverService } from '../../takeover/takeover-service';

export function vaultStatus(takeover: TakeoverService): Handler<'vault.status'> {
  return { parse: () => ({}), handle: () => takeover.status() };
}
