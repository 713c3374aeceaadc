import type { KeyValueArea } from '../agent/registry';
import type { PolicyListing, SitePolicy } from './messages';
import { STORAGE_ITEMS } from '../storage/items';

/** Per-site policies in `storage.local`; grants ("allow for N minutes") in `storage.session`. */
export const APPROVAL_POLICIES_KEY = STORAGE_ITEMS.approvalPolicies.key;
export const APPROVAL_GRANTS_KEY = STORAGE_ITEMS.approvalGrants.key;

export class PolicyStore {
  constructor(
    private readonly local: KeyValueArea,
    private readonly session: KeyValueArea,
  ) {}

  private async policies(): Promise<Record<string, SitePolicy>> {
    return ((await this.local.get(APPROVAL_POLICIES_KEY))[APPROVAL_POLICIES_KEY] as Record<string, SitePolicy> | undefined) ?? {};
  }

  private async grants(): Promise<Record<string, number>> {
    return ((await this.session.get(APPROVAL_GRANTS_KEY))[APPROVAL_GRANTS_KEY] as Record<string, number> | undefined) ?? {};
  }

  async policyFor(origin: string): Promise<SitePolicy | null> {
    return (await this.policies())[origin] ?? null;
  }

  async grantFor(origin: string): Promise<number | null> {
    return (await this.grants())[origin] ?? null;
  }

  async set(origin: string, policy: SitePolicy): Promise<void> {
    const policies = await this.policies();
    policies[origin] = policy;
    await this.local.set({ [APPROVAL_POLICIES_KEY]: policies });
  }

  async grant(origin: string, until: number): Promise<void> {
    const grants = await this.grants();
    grants[origin] = until;
    await this.session.set({ [APPROVAL_GRANTS_KEY]: grants });
  }

  /** Removes the site's policy and any grant: the site asks every time again. */
  async revoke(origin: string): Promise<void> {
    const policies = await this.policies();
    const grants = await this.grants();
    delete policies[origin];
    delete grants[origin];
    await this.local.set({ [APPROVAL_POLICIES_KEY]: policies });
    await this.session.set({ [APPROVAL_GRANTS_KEY]: grants });
  }

  async listing(now: number): Promise<PolicyListing> {
    const policies = await this.policies();
    const grants = await this.grants();
    return {
      policies: Object.entries(policies).map(([origin, policy]) => ({ origin, policy })),
      grants: Object.entries(grants).filter(([, until]) => until > now).map(([origin, until]) => ({ origin, until })),
    };
  }
}
