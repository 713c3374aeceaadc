export type { AssertionJSON, AssertionOptionsJSON, RegistrationJSON, RegistrationOptionsJSON } from '../approvals/messages';

/** An enrolled authenticator. Public data only: the private key never leaves the authenticator. */
export interface StoredPasskey {
  /** Credential ID, base64url. */
  id: string;
  name: string;
  /** SubjectPublicKeyInfo (DER), base64url. */
  publicKey: string;
  /** COSE algorithm: -7 (ES256) or -257 (RS256). */
  alg: number;
  signCount: number;
  createdAt: number;
  lastUsedAt: number | null;
}

/** COSE algorithm identifiers Airlock accepts (IANA COSE Algorithms registry). */
export const SUPPORTED_ALGORITHMS = [-7, -257] as const;
