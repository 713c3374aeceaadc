import { AirlockError, toErrorData } from '../errors/airlock-error';
import { SENDERS, type Contract, type Envelope, type MessageKind, type Reply, type RequestOf, type ResponseOf } from './contract';
import { classifySender, type MessageSenderLike, type SenderContext } from './sender';

export interface Handler<K extends MessageKind> {
  /** Checks the payload's shape and returns a clean copy; throws MESSAGE_MALFORMED otherwise. */
  parse(payload: unknown): RequestOf<K>;
  handle(request: RequestOf<K>, sender: SenderContext): Promise<ResponseOf<K>>;
}

export type Handlers = { [K in MessageKind]: Handler<K> };

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).airlock === 'internal';
}

/**
 * Builds the background's single `runtime.onMessage` listener. The sender is classified first, the
 * kind's allowed senders are checked next, and only then is the payload parsed: a content script can
 * neither reach a UI handler nor make it read its payload.
 */
export function createRouter(
  handlers: Handlers,
  extensionId: string,
  extensionOrigin: string,
  /** Told of every kind refused for its sender (step-up audits forged approval attempts). */
  onSenderRefused?: (kind: string, senderKind: string) => void,
  /**
   * Asked before anything else about a message from one of Airlock's own pages; throws to refuse it
   * (an Airlock page in a tab, or a view that lived beside one: lib/own-pages/own-page-watch.ts).
   */
  admit?: (kind: string, sender: SenderContext) => Promise<void>,
) {
  return async function route(message: unknown, rawSender: MessageSenderLike): Promise<Reply | undefined> {
    if (!isEnvelope(message)) return undefined;
    try {
      const classified = classifySender(rawSender, extensionId, extensionOrigin);
      if (classified === null) throw new AirlockError('SENDER_FORBIDDEN', 'Unknown sender');
      // Airlock's views get no documentId from Chromium: they name themselves (call.ts), which tells two
      // honest views apart and proves nothing else.
      const named = typeof message.document === 'string' && /^[0-9a-f-]{36}$/.test(message.document) ? message.document : undefined;
      const sender: SenderContext = classified.kind === 'extension-view' && classified.documentId === undefined && named ? { ...classified, documentId: `view:${named}` } : classified;
      const kind = message.kind;
      if (admit && sender.kind !== 'content') await admit(String(kind), sender);
      if (typeof kind !== 'string' || !Object.hasOwn(SENDERS, kind)) {
        throw new AirlockError('MESSAGE_UNKNOWN', 'Unknown message kind');
      }
      const allowed = SENDERS[kind as MessageKind];
      if (!allowed.includes(sender.kind)) {
        onSenderRefused?.(kind, sender.kind);
        throw new AirlockError('SENDER_FORBIDDEN', `${sender.kind} may not send ${kind}`);
      }
      const handler = handlers[kind as MessageKind] as Handler<keyof Contract>;
      const request = handler.parse(message.payload);
      const value = await handler.handle(request, sender);
      return { ok: true, value };
    } catch (error) {
      // Only the error's name is logged: a message could hold data from a page or, later, a secret.
      if (!(error instanceof AirlockError)) console.error('Airlock handler failed:', (error as Error | null)?.name ?? 'unknown');
      return { ok: false, error: toErrorData(error) };
    }
  };
}
