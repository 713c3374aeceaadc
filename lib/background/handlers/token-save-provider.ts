import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { textField } from './oauth-fields';

/** Options: adds a provider. Configuration only; every token still needs the human's approval. */
export function tokenSaveProvider(tokens: TokenBroker): Handler<'token.saveProvider'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const issuer = textField(record, 'issuer', 512);
      try {
        new URL(issuer);
      } catch {
        throw new AirlockError('MESSAGE_MALFORMED', 'issuer must be a URL');
      }
      return { id: textField(record, 'id', 64), issuer, clientId: textField(record, 'clientId', 256) };
    },
    handle: (provider) => tokens.saveProvider(provider),
  };
}
