import { browser } from 'wxt/browser';
import { AirlockError, isErrorData } from '../errors/airlock-error';
import type { Envelope, MessageKind, Reply, RequestOf, ResponseOf } from './contract';

/**
 * Names this document in every request it sends. Chromium gives the worker no `documentId` for
 * Airlock's own views (popup, side panel), so this is how the worker tells two of them apart (an edit
 * session belongs to the view that confirmed it). It is no proof of anything: a view that a page in a
 * tab could have scripted is refused whatever it says (lib/own-pages/own-page-watch.ts).
 */
const DOCUMENT = crypto.randomUUID();
// Readable in Airlock's own views (tests send raw messages as the view would); not in web pages.
if (typeof location !== 'undefined' && /^(chrome|moz)-extension:$/.test(location.protocol)) {
  Object.defineProperty(globalThis, 'airlockDocument', { value: DOCUMENT });
}

/** Sends one typed request to the background and returns its value, or throws its AirlockError. */
export async function call<K extends MessageKind>(kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { airlock: 'internal', kind, payload, document: DOCUMENT };
  return valueOf<K>((await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined);
}

/**
 * For a request the background treats as idempotent (a `token.request` repeated under the same
 * ticket): asked again when no answer came, as when MV3 stops the worker after it kept the request
 * and before its reply left. An answer, an error included, is never asked again.
 */
export async function callUntilAnswered<K extends MessageKind>(kind: K, payload: RequestOf<K>, attempts = 3, pauseMs = 250): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { airlock: 'internal', kind, payload, document: DOCUMENT };
  for (let attempt = 1; ; attempt++) {
    const reply = (await browser.runtime.sendMessage(envelope).catch(() => undefined)) as Reply<K> | undefined;
    if (reply !== undefined || attempt >= attempts) return valueOf<K>(reply);
    await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
  }
}

function valueOf<K extends MessageKind>(reply: Reply<K> | undefined): ResponseOf<K> {
  if (reply && reply.ok === true) return reply.value;
  if (reply && reply.ok === false && isErrorData(reply.error)) throw AirlockError.fromData(reply.error);
  throw new AirlockError('INTERNAL', 'No reply from Airlock background');
}
