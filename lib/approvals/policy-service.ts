import { AirlockError } from '../errors/airlock-error';
import type { AuditTrail } from './audit-trail';
import type { AssertionJSON, PolicyListing, SitePolicy } from './messages';
import type { PasskeyService } from './passkey-service';
import { lowersProtection, policySubject } from './policy';
import type { PolicyStore } from './policy-store';

/**
 * Site policies the human sets in the options page. The options page can be opened by an agent in a
 * tab, so a policy that lets anything through without asking needs the human's enrolled passkey;
 * revoking one only raises protection and needs nothing.
 */
export class PolicyService {
  constructor(
    private readonly deps: { store: PolicyStore; passkeys: PasskeyService; audit: AuditTrail; now(): number },
  ) {}

  listing(): Promise<PolicyListing> {
    return this.deps.store.listing(this.deps.now());
  }

  async set(origin: string, policy: SitePolicy, factor: AssertionJSON | null): Promise<PolicyListing> {
    if (lowersProtection(policy)) {
      if (!factor) throw new AirlockError('ENROLLMENT_REQUIRES_FACTOR', 'Confirm with your passkey');
      await this.deps.passkeys.verifyFactor(factor, 'set-policy', policySubject(origin, policy));
    }
    await this.deps.store.set(origin, policy);
    await this.deps.audit.append({ at: this.deps.now(), event: 'policy-set', origin, detail: policySubject(origin, policy) });
    return this.listing();
  }

  async revoke(origin: string): Promise<PolicyListing> {
    await this.deps.store.revoke(origin);
    await this.deps.audit.append({ at: this.deps.now(), event: 'policy-revoked', origin });
    return this.listing();
  }
}
