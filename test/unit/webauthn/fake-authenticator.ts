import { toBase64Url } from '../../../lib/encoding/base64url';
import type { AssertionJSON, StoredPasskey } from '../../../lib/webauthn/types';

export const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
export const RP_ID = 'abcdefghijklmnopabcdefghijklmnop';

const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));

/** P1363 r‖s → ASN.1 DER, the form authenticators return (WebAuthn §6.5.5). */
function toDer(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.subarray(i);
    if (v[0]! & 0x80) v = Uint8Array.of(0, ...v);
    return Uint8Array.of(0x02, v.length, ...v);
  };
  const r = int(raw.subarray(0, 32));
  const s = int(raw.subarray(32));
  return Uint8Array.of(0x30, r.length + s.length, ...r, ...s);
}

/** A software authenticator: an ES256 (or RS256) key pair and a counter, signing like a real one. */
export class FakeAuthenticator {
  counter = 0;
  private constructor(
    readonly id: string,
    private readonly keys: CryptoKeyPair,
    readonly alg: -7 | -257,
  ) {}

  static async create(alg: -7 | -257 = -7): Promise<FakeAuthenticator> {
    const keys =
      alg === -7
        ? await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
        : await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    return new FakeAuthenticator(toBase64Url(crypto.getRandomValues(new Uint8Array(16))), keys as CryptoKeyPair, alg);
  }

  async passkey(name = 'test'): Promise<StoredPasskey> {
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', this.keys.publicKey));
    return { id: this.id, name, publicKey: toBase64Url(spki), alg: this.alg, signCount: 0, createdAt: 0, lastUsedAt: null };
  }

  async assert(challenge: string, options: { origin?: string; rpId?: string; flags?: number; type?: string } = {}): Promise<AssertionJSON> {
    const clientData = new TextEncoder().encode(JSON.stringify({ type: options.type ?? 'webauthn.get', challenge, origin: options.origin ?? ORIGIN, crossOrigin: false }));
    this.counter++;
    const authData = new Uint8Array(37);
    authData.set(await sha256(new TextEncoder().encode(options.rpId ?? RP_ID)), 0);
    authData[32] = options.flags ?? 0x05;
    new DataView(authData.buffer).setUint32(33, this.counter);
    const signed = new Uint8Array([...authData, ...(await sha256(clientData))]);
    const signature =
      this.alg === -7
        ? toDer(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed)))
        : new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', this.keys.privateKey, signed));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: toBase64Url(clientData), authenticatorData: toBase64Url(authData), signature: toBase64Url(signature) },
    };
  }
}
