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

  /** A list record of `area` (absent or not a list: empty). */
  private async list<T>(area: KeyValueArea, key: string): Promise<T[]> {
    const stored = (await area.get(key))[key];
    return Array.isArray(stored) ? (stored as T[]) : [];
  }

  private updateList<T>(area: KeyValueArea, key: string, change: (records: T[]) => T[]): Promise<T[]> {
    return this.serial(async () => {
      const next = change(await this.list<T>(area, key));
      await area.set({ [key]: next });
      return next;
    });
  }

  requests = () => this.list<CredentialRequestRecord>(this.session, REQUESTS_KEY);
  updateRequests = (change: (records: CredentialRequestRecord[]) => CredentialRequestRecord[]) => this.updateList(this.session, REQUESTS_KEY, change);
  continuations = () => this.list<Continuation>(this.session, CONTINUATIONS_KEY);
  updateContinuations = (change: (records: Continuation[]) => Continuation[]) => this.updateList(this.session, CONTINUATIONS_KEY, change);
  policies = () => this.list<CredentialPolicy>(this.local, CREDENTIAL_POLICIES_KEY);
  updatePolicies = (change: (records: CredentialPolicy[]) => CredentialPolicy[]) => this.updateList(this.local, CREDENTIAL_POLICIES_KEY, change);
  inPageSites = () => this.list<InPageFillSite>(this.local, IN_PAGE_FILL_KEY);
  updateInPageSites = (change: (records: InPageFillSite[]) => InPageFillSite[]) => this.updateList(this.local, IN_PAGE_FILL_KEY, change);
}
