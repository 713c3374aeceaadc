import { browser } from 'wxt/browser';
import { AirlockError, isErrorData } from '../errors/airlock-error';
import type { Envelope, MessageKind, Reply, RequestOf, ResponseOf } from './contract';

/** Sends one typed request to the background and returns its value, or throws its AirlockError. */
export async function call<K extends MessageKind>(kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { airlock: 'internal', kind, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (reply && reply.ok === true) return reply.value;
  if (reply && reply.ok === false && isErrorData(reply.error)) throw AirlockError.fromData(reply.error);
  throw new AirlockError('INTERNAL', 'No reply from Airlock background');
}
