/**
 * Seals refresh tokens with an AES-GCM key that exists only in this service worker's memory
 * (non-extractable, generated on first use). The sealed bytes may sit in storage.session; without the
 * key they are noise. The price: when the worker is stopped the key is gone and the refresh tokens
 * with it, so the human is asked again. Used until the vault offers a place for opaque secrets.
 */
export interface SealedSecret {
  iv: string;
  data: string;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class SecretBox {
  private key: Promise<CryptoKey> | null = null;

  private getKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    return this.key;
  }

  /** `context` (the grant id) is bound as additional data: a sealed token cannot be moved to another grant. */
  async seal(secret: string, context: string): Promise<SealedSecret> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
      await this.getKey(),
      new TextEncoder().encode(secret),
    );
    return { iv: b64(iv), data: b64(new Uint8Array(data)) };
  }

  /** Null when the box was sealed by an earlier worker (its key is gone) or was tampered with. */
  async open(sealed: SealedSecret, context: string): Promise<string | null> {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: new TextEncoder().encode(context) },
        await this.getKey(),
        unb64(sealed.data),
      );
      return new TextDecoder().decode(plain);
    } catch {
      return null;
    }
  }
}
