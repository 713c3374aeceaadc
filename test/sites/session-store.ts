import { randomBytes } from 'node:crypto';

/** In-memory server-side state keyed by unguessable ids (128 bits of randomness). */
export class SessionStore<T> {
  readonly #entries = new Map<string, T>();

  create(value: T): string {
    const id = randomBytes(16).toString('base64url');
    this.#entries.set(id, value);
    return id;
  }

  get(id: string | undefined): T | undefined {
    return id === undefined ? undefined : this.#entries.get(id);
  }

  /** Returns the value and forgets it, for one-time tokens. */
  take(id: string | undefined): T | undefined {
    const value = this.get(id);
    if (id !== undefined) this.#entries.delete(id);
    return value;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#entries.delete(id);
  }
}
