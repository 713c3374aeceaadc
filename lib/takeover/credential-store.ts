import type { KeyValueArea } from '../agent/registry';
import type { InPageFillSite, LoginStep } from './views';
import type { FieldConstraints } from './placeholder';
import { STORAGE_ITEMS } from '../storage/items';

/**
 * A login form an agent's tab is waiting on. Kept in `storage.session`, so that a request survives
 * the service worker being stopped (MV3) while the human decides, and is gone with the browser.
 */
export interface CredentialRequestRecord {
  /** Chosen by the content script that asked (it is the only one that knows it); names the fill. */
  id: string;
  tabId: number;
  frameId: number;
  /** `sender.origin` of the frame that asked. */
  origin: string;
  /** Origin of the tab's top document when the request was made; null if unknown. */
  topOrigin: string | null;
  step: LoginStep;
  agent: string;
  /** `agent` is the name the agent gave in its hello (not the signal that told before it). */
  agentNamed?: boolean;
  /** What the secret field declares (lengths, digits, pattern), for a placeholder that fits it. */
  field?: FieldConstraints;
  /** The last attempt here with this entry failed: the human chooses again (no decision carries). */
  failedEntryId?: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * The human's decision for one sign-in: later steps of it (the password page after the username
 * page, the one-time-code page after the password) in the same tab and origin use the same entry
 * without asking again, for a short while.
 */
export interface Continuation {
  tabId: number;
  origin: string;
  entryId: string;
  agent: string;
  /** The step the human approved: the decision carries to a later step only (password after username, code after password), once. */
  step?: LoginStep;
  expiresAt: number;
}

/** "Use this entry on this origin for this agent without asking", chosen by the human in the popup. */
export interface CredentialPolicy {
  id: string;
  origin: string;
  entryId: string;
  agent: string;
  createdAt: number;
}

export const REQUESTS_KEY = STORAGE_ITEMS.credentialRequests.key;
export const CONTINUATIONS_KEY = STORAGE_ITEMS.credentialContinuations.key;
export const CREDENTIAL_POLICIES_KEY = STORAGE_ITEMS.credentialPolicies.key;
export const IN_PAGE_FILL_KEY = STORAGE_ITEMS.inPageFillSites.key;

/** Reads and writes the records; every write is awaited before the caller replies. */
export class CredentialStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: KeyValueArea,
    private readonly local: KeyValueArea,
  ) {}

  /** Serialises read-modify-write cycles, so two requests arriving together do not drop one another. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async requests(): Promise<CredentialRequestRecord[]> {
    const stored = (await this.session.get(REQUESTS_KEY))[REQUESTS_KEY];
    return Array.isArray(stored) ? (stored as CredentialRequestRecord[]) : [];
  }

  updateRequests(change: (records: CredentialRequestRecord[]) => CredentialRequestRecord[]): Promise<CredentialRequestRecord[]> {
    return this.serial(async () => {
      const next = change(await this.requests());
      await this.session.set({ [REQUESTS_KEY]: next });
      return next;
    });
  }

  async continuations(): Promise<Continuation[]> {
    const stored = (await this.session.get(CONTINUATIONS_KEY))[CONTINUATIONS_KEY];
    return Array.isArray(stored) ? (stored as Continuation[]) : [];
  }

  updateContinuations(change: (records: Continuation[]) => Continuation[]): Promise<Continuation[]> {
    return this.serial(async () => {
      const next = change(await this.continuations());
      await this.session.set({ [CONTINUATIONS_KEY]: next });
      return next;
    });
  }

  async policies(): Promise<CredentialPolicy[]> {
    const stored = (await this.local.get(CREDENTIAL_POLICIES_KEY))[CREDENTIAL_POLICIES_KEY];
    return Array.isArray(stored) ? (stored as CredentialPolicy[]) : [];
  }

  updatePolicies(change: (records: CredentialPolicy[]) => CredentialPolicy[]): Promise<CredentialPolicy[]> {
    return this.serial(async () => {
      const next = change(await this.policies());
      await this.local.set({ [CREDENTIAL_POLICIES_KEY]: next });
      return next;
    });
  }

  async inPageSites(): Promise<InPageFillSite[]> {
    const stored = (await this.local.get(IN_PAGE_FILL_KEY))[IN_PAGE_FILL_KEY];
    return Array.isArray(stored) ? (stored as InPageFillSite[]) : [];
  }

  updateInPageSites(change: (records: InPageFillSite[]) => InPageFillSite[]): Promise<InPageFillSite[]> {
    return this.serial(async () => {
      const next = change(await this.inPageSites());
      await this.local.set({ [IN_PAGE_FILL_KEY]: next });
      return next;
    });
  }
}
