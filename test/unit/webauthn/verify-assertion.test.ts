import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../lib/encoding/base64url';
import { verifyAssertion } from '../../../lib/webauthn/verify-assertion';
import { FakeAuthenticator, ORIGIN, RP_ID } from './fake-authenticator';

const challengeBytes = crypto.getRandomValues(new Uint8Array(32));
const challenge = toBase64Url(challengeBytes);
const expected = { challenge: challengeBytes, origin: ORIGIN, rpId: RP_ID };

describe('verifyAssertion (WebCrypto, WebAuthn L3 §7.2)', () => {
  it.each([-7, -257] as const)('accepts a user-verified assertion over the challenge with the enrolled key (alg %i)', async (alg) => {
    const authenticator = await FakeAuthenticator.create(alg);
    const result = await verifyAssertion(await authenticator.assert(challenge), await authenticator.passkey(), expected);
    expect(result).toEqual({ signCount: 1, userPresent: true, userVerified: true });
  });

  it('refuses an assertion over another challenge (another action)', async () => {
    const authenticator = await FakeAuthenticator.create();
    const other = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    await expect(verifyAssertion(await authenticator.assert(other), await authenticator.passkey(), expected)).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
  });

  it('refuses another origin, another RP ID, a create ceremony, and missing UV', async () => {
    const authenticator = await FakeAuthenticator.create();
    const passkey = await authenticator.passkey();
    for (const options of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }, { type: 'webauthn.create' }, { flags: 0x01 }]) {
      await expect(verifyAssertion(await authenticator.assert(challenge, options), passkey, expected)).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
    }
  });

  it('refuses a signature by another key (a different authenticator)', async () => {
    const human = await FakeAuthenticator.create();
    const agent = await FakeAuthenticator.create();
    const forged = { ...(await agent.assert(challenge)), id: human.id, rawId: human.id };
    await expect(verifyAssertion(forged, await human.passkey(), expected)).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
  });

  it('refuses a tampered authenticator data byte', async () => {
    const authenticator = await FakeAuthenticator.create();
    const assertion = await authenticator.assert(challenge);
    const data = fromBase64Url(assertion.response.authenticatorData);
    data[36] = data[36]! ^ 1;
    const tampered = { ...assertion, response: { ...assertion.response, authenticatorData: toBase64Url(data) } };
    await expect(verifyAssertion(tampered, await authenticator.passkey(), expected)).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
  });

  it('refuses a counter that did not grow (replayed or cloned authenticator)', async () => {
    const authenticator = await FakeAuthenticator.create();
    const assertion = await authenticator.assert(challenge);
    const passkey = { ...(await authenticator.passkey()), signCount: 1 };
    await expect(verifyAssertion(assertion, passkey, expected)).rejects.toMatchObject({ code: 'ASSERTION_REPLAYED' });
  });

  it('accepts the extension origin as the hashed RP ID, as Chromium uses it', async () => {
    const authenticator = await FakeAuthenticator.create();
    const assertion = await authenticator.assert(challenge, { rpId: ORIGIN });
    await expect(verifyAssertion(assertion, await authenticator.passkey(), { ...expected, rpId: [RP_ID, ORIGIN] })).resolves.toMatchObject({ userVerified: true });
  });
});
