import { AirlockError } from '../errors/airlock-error';
import type { TokenPushMessage } from '../messaging/push';
import type { SealedAccessToken } from '../protocol/messages';

type TicketResult = TokenPushMessage['result'];

const MAX_EARLY = 16;

/**
 * Pairs `token.request` tickets with the `push-token` answers the background sends to this document.
 * An answer may arrive before the ticket's reply does (two channels, no order between them): it is
 * kept until asked for.
 */
export class TokenTickets {
  private readonly waiting = new Map<string, (result: TicketResult) => void>();
  private readonly early = new Map<string, TicketResult>();

  wait(ticket: string): Promise<SealedAccessToken> {
    const settle = (result: TicketResult): SealedAccessToken => {
      if (result.ok) return result.token;
      throw AirlockError.fromData(result.error);
    };
    const arrived = this.early.get(ticket);
    if (arrived) {
      this.early.delete(ticket);
      return Promise.resolve().then(() => settle(arrived));
    }
    return new Promise<TicketResult>((resolve) => this.waiting.set(ticket, resolve)).then(settle);
  }

  deliver(message: TokenPushMessage): void {
    const waiter = this.waiting.get(message.ticket);
    if (waiter) {
      this.waiting.delete(message.ticket);
      waiter(message.result);
      return;
    }
    this.early.set(message.ticket, message.result);
    if (this.early.size > MAX_EARLY) this.early.delete(this.early.keys().next().value!);
  }
}
