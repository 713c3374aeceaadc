/**
 * The one typed contract for every call between Airlock's contexts. Each kind names who may send it
 * (see `SENDERS`); the background checks the sender before it reads the payload.
 */
import type { AgentIdentity, AgentPublicKey, PublicTabState } from '../protocol/messages';
import type { HumanScope } from '../agent/signals';
import type { ErrorData } from '../errors/airlock-error';
import type { SenderKind } from './sender';
import type { GrantView, OAuthFlowView, TokenProvider, TokenRequestView } from '../oauth/views';
import type { OAuthFlowSummary } from '../protocol/messages';
import type { DecisionType } from '../protocol/validate';
import type {
  AuditListing,
  CredentialListing,
  CredentialPolicyView,
  CredentialRequestResult,
  FillOutcome,
  HumanFillOffer,
  InPageFillSite,
  LoginStep,
  VaultEntryInput,
  VaultEntryPatch,
  VaultListing,
  VaultPasskeyView,
  VaultStatus,
} from '../takeover/views';
import type { ActionClaim } from '../approvals/canonical-action';
import type { FieldConstraints } from '../takeover/placeholder';
import type { IncomingResponse, SwapSubmission } from '../takeover/swap-request';
import type {
  ApprovalListing,
  ApprovalRequestResult,
  ApprovalView,
  AssertionJSON,
  AssertionOptionsJSON,
  AuditEntry,
  ConfirmationMethod,
  ConfirmPurpose,
  ReceiptCheck,
  ConsumeResult,
  FactorPurpose,
  HumanProof,
  PasskeyView,
  PolicyListing,
  RegistrationJSON,
  RegistrationOptionsJSON,
  SitePolicy,
} from '../approvals/messages';

/** The tab's state as the popup sees it: what an agent sees, plus the human's own toggles. */
export interface TabAgentState extends PublicTabState {
  tabId: number;
  toggles: { tab: boolean | null; window: boolean | null; always: boolean };
  /** False when enterprise policy forbids switching agent mode off. */
  userOverrideAllowed: boolean;
  /** `unavailable`: the browser has no debugger API (Firefox); `not-in-build`: this build lacks the permission. */
  debuggerSignal: 'unavailable' | 'not-in-build' | 'off' | 'on';
  /** A debugger is attached to Airlock's own targets; the vault was locked (see own-target-watch.ts). */
  debuggerOnAirlock: boolean;
}

/** Airlock's standing as one view sees it: an Airlock page in a tab refuses decisions, and taints views. */
export interface PageStanding {
  /** Airlock pages found open in tabs (an agent can script them); decisions wait while any is. */
  openInTabs: number;
  /**
   * A view that lived beside such a page is still open: every view is refused until it is gone. A view
   * opened before `lastClosedAt` may be that one, and closes itself.
   */
  tainted: boolean;
  lastFoundAt: number | null;
  lastClosedAt: number | null;
}

export interface Contract {
  /** Popup / side panel: whether an Airlock page is open in a tab, and whether this view may act. */
  'page.status': { request: Record<string, never>; response: PageStanding };
  /** Content script: what it observed in its frame on load. */
  'agent.report': { request: { webdriver: boolean; headless: boolean }; response: PublicTabState };
  /** Content script: a page completed the agent-protocol handshake. */
  'agent.handshake': { request: { agent: AgentIdentity }; response: PublicTabState };
  /** Content script: the agent protocol's state query. */
  'agent.state': { request: Record<string, never>; response: PublicTabState };
  /** Popup / options: the state of a tab. */
  'ui.tabState': { request: { tabId: number }; response: TabAgentState };
  /** Popup: the human's toggle; `agent: null` clears it. */
  'ui.setToggle': {
    /** `proof`: needed when the change lowers protection (`agent` false or null). */
    request: { tabId: number; scope: HumanScope; agent: boolean | null; proof: HumanProof | null };
    response: TabAgentState;
  };
  /** Popup: the human turned the debugger signal on or off (after granting the permission); off needs proof. */
  'ui.setDebuggerSignal': { request: { enabled: boolean; tabId: number; proof: HumanProof | null }; response: TabAgentState };
  /** Content script: a sensitive action is held; may it go ahead? (Step-up confirmation.) */
  'approval.request': { request: { claim: ActionClaim; pageToken: string }; response: ApprovalRequestResult };
  /** Content script: replay an approved action, once, if it is unchanged. */
  'approval.consume': { request: { id: string; claim: ActionClaim; pageToken: string }; response: ConsumeResult };
  /** Popup / approval page: pending approvals with their details and what to sign. */
  'approval.list': { request: Record<string, never>; response: ApprovalListing };
  /** Popup / approval page: the human approved with an enrolled passkey (the assertion is the proof, not the sender). */
  'approval.approve': { request: { id: string; assertion: AssertionJSON }; response: ApprovalView };
  /** Popup / approval page, only while no passkey is enrolled: the vault's master password is the (weaker) proof. */
  'approval.approveWithPassword': { request: { id: string; password: string }; response: ApprovalView };
  'approval.deny': { request: { id: string }; response: ApprovalView };
  /** Content script: the page posted an approval decision on the agent channel (refused there); audited here. */
  'approval.pageForgery': { request: { type: DecisionType; approvalId: string | null }; response: { audited: boolean } };
  /** Options page: the step-up audit trail, approval receipts included. */
  'approval.audit': { request: Record<string, never>; response: AuditEntry[] };
  /** Options page: re-verifies the receipt of one approval in the audit trail. */
  'approval.verifyReceipt': { request: { approvalId: string }; response: ReceiptCheck };
  'passkey.list': { request: Record<string, never>; response: PasskeyView[] };
  /** Options page: options to create a passkey, and, when one is enrolled already, to confirm with it. */
  'passkey.registrationOptions': {
    request: { name: string };
    response: { options: RegistrationOptionsJSON; factor: AssertionOptionsJSON | null };
  };
  /** The first passkey needs the vault's master password (`proof`); later ones an enrolled passkey (`factor`). */
  'passkey.enroll': { request: { registration: RegistrationJSON; name: string; factor: AssertionJSON | null; proof: HumanProof | null }; response: PasskeyView[] };
  'passkey.rename': { request: { id: string; name: string }; response: PasskeyView[] };
  /** Options page: what to sign to confirm a change that needs the human's factor. */
  'passkey.factorOptions': { request: { purpose: FactorPurpose; subject: string }; response: AssertionOptionsJSON };
  'passkey.remove': { request: { id: string; factor: AssertionJSON }; response: PasskeyView[] };
  /** Airlock pages: how a decision must be confirmed right now (passkey, master password, a plain click, or not yet). */
  'confirm.method': { request: { purpose: ConfirmPurpose }; response: { method: ConfirmationMethod } };
  'policy.list': { request: Record<string, never>; response: PolicyListing };
  'policy.set': { request: { origin: string; policy: SitePolicy; factor: AssertionJSON | null }; response: PolicyListing };
  'policy.revoke': { request: { origin: string }; response: PolicyListing };
  /** Content script: the sign-ins brokered for the sender's tab (protocol `oauth`). */
  'oauth.tabFlows': { request: Record<string, never>; response: OAuthFlowSummary[] };
  /** Popup / side panel: one brokered sign-in. */
  'oauth.flow': { request: { flowId: string }; response: OAuthFlowView };
  /** Popup / side panel: Continue to the provider (with the human's proof), or Deny (no proof needed). */
  'oauth.decide': { request: { flowId: string; decision: 'continue' | 'deny'; proof: HumanProof | null }; response: OAuthFlowView };
  /** Popup / side panel: the sign-ins waiting for the human. */
  'oauth.pending': { request: Record<string, never>; response: OAuthFlowView[] };
  /**
   * Content script (top frame): an agent asks for an access token (protocol `token`) under a ticket
   * the content script drew. Answers at once with that ticket; the token or the refusal follows as a
   * `push-token` to the asking document only. Asked again under the same ticket, it keeps one request.
   */
  'token.request': { request: { provider: string; scopes: string[]; ticket: string; encryptTo: AgentPublicKey }; response: { ticket: string } };
  /** Popup: token requests waiting for the human. */
  'token.pending': { request: Record<string, never>; response: TokenRequestView[] };
  /** Toolbar popup only: the human approves (for `lifetimeMinutes`) or denies a token request. */
  'token.decide': { request: { requestId: string; approve: boolean; lifetimeMinutes: number; proof: HumanProof | null }; response: TokenRequestView[] };
  /** Options: providers the token broker may use. */
  'token.providers': { request: Record<string, never>; response: TokenProvider[] };
  'token.saveProvider': { request: TokenProvider; response: TokenProvider[] };
  /** Options: grants, and revoking one (honoured at once, and at the provider where it offers RFC 7009). */
  'token.grants': { request: Record<string, never>; response: GrantView[] };
  'token.revoke': { request: { grantId: string }; response: GrantView[] };
  /** Airlock pages: whether a vault exists and is unlocked. */
  'vault.status': { request: Record<string, never>; response: VaultStatus };
  /** Options page: how long an unlocked vault may sit unused, and the choices. */
  'vault.idleLock': { request: Record<string, never>; response: { minutes: number; choices: readonly number[] } };
  /** Options page: a shorter idle time is taken at once; a longer one needs an edit session (it lowers protection). */
  'vault.setIdleLock': { request: { minutes: number }; response: { minutes: number; choices: readonly number[] } };
  'vault.create': { request: { password: string }; response: VaultStatus };
  'vault.unlock': { request: { password: string }; response: VaultStatus };
  'vault.lock': { request: Record<string, never>; response: VaultStatus };
  'vault.changePassword': { request: { oldPassword: string; newPassword: string }; response: VaultStatus };
  /** Options page: the human confirms once to edit the vault from this page for a few minutes. */
  'vault.beginEdit': { request: { proof: HumanProof | null }; response: { until: number } };
  /** Options page: when this page's edit session ends (null: none). */
  'vault.editSession': { request: Record<string, never>; response: { until: number | null } };
  'vault.endEdit': { request: Record<string, never>; response: { until: null } };
  /** Options page: entries without their secrets. */
  'vault.list': { request: Record<string, never>; response: VaultListing };
  'vault.add': { request: VaultEntryInput; response: VaultListing };
  'vault.update': { request: { id: string; patch: VaultEntryPatch }; response: VaultListing };
  'vault.delete': { request: { id: string }; response: VaultListing };
  /** Options page: rows of a CSV preview the human confirmed; all are written or none. */
  'vault.import': { request: { rows: VaultEntryInput[] }; response: { added: number } };
  /** Options page: an encrypted export; asks for the master password again, so an open vault alone does not give its secrets away. */
  'vault.export': { request: { masterPassword: string; exportPassword: string }; response: { text: string; exported: number; corrupt: number } };
  'vault.importEncrypted': { request: { text: string; exportPassword: string }; response: { added: number; duplicates: number } };
  /** Options page: the credential audit log and whether its hash chain verifies. */
  'vault.audit': { request: Record<string, never>; response: AuditListing };
  'vault.auditExport': { request: Record<string, never>; response: { json: string } };
  /** Content script: a login form in this frame; Airlock decides whether the agent's tab gets a fill. */
  'credential.request': { request: { step: LoginStep; requestId: string; field?: FieldConstraints }; response: CredentialRequestResult };
  /** Content script: the page submits the sign-in filled with a placeholder; Airlock sends it with the real value. */
  'credential.submit': { request: { swapId: string; submission: SwapSubmission }; response: IncomingResponse };
  /** Toolbar popup: requests waiting for the human, with the entries that fit each origin. */
  'credential.pending': { request: Record<string, never>; response: CredentialListing };
  /** Toolbar popup only: use an entry for a request (`entryId: null` denies it); `remember` adds a policy. */
  'credential.decide': { request: { requestId: string; entryId: string | null; remember: boolean; inPage: boolean; proof: HumanProof | null }; response: CredentialListing };
  /** Toolbar popup: entries for the human's own tab. */
  'credential.humanOffer': { request: { tabId: number }; response: HumanFillOffer };
  /** Toolbar popup only: the human asks to fill their own tab with an entry. */
  'credential.humanFill': { request: { tabId: number; entryId: string }; response: FillOutcome };
  /** Options page: "use without asking" policies, and revoking one. */
  'credential.policies': { request: Record<string, never>; response: CredentialPolicyView[] };
  'credential.revokePolicy': { request: { id: string }; response: CredentialPolicyView[] };
  /** Settings: sites the human let Airlock fill in the page (the weaker fill), and withdrawing one. */
  'credential.inPageSites': { request: Record<string, never>; response: InPageFillSite[] };
  'credential.revokeInPage': { request: { origin: string }; response: InPageFillSite[] };
  /** Airlock pages: passkeys that unlock the vault (WebAuthn PRF); listed while locked, for the unlock ceremony. */
  'vault.passkeys': { request: Record<string, never>; response: VaultPasskeyView[] };
  /** Options page: wraps the vault key under a passkey's PRF output; asks for the master password again. Bytes are base64url. */
  'vault.addPasskey': { request: { masterPassword: string; credentialId: string; prfInput: string; prfOutput: string }; response: VaultPasskeyView[] };
  'vault.removePasskey': { request: { credentialId: string }; response: VaultPasskeyView[] };
  'vault.unlockWithPasskey': { request: { credentialId: string; prfOutput: string }; response: VaultStatus };
  /** Toolbar popup: the human fills the one-time-code field of their own tab with a code from the entry's TOTP secret. */
  'credential.humanFillCode': { request: { tabId: number; entryId: string }; response: FillOutcome };
}

export type MessageKind = keyof Contract;
export type RequestOf<K extends MessageKind> = Contract[K]['request'];
export type ResponseOf<K extends MessageKind> = Contract[K]['response'];

/** Who may send each kind. Content scripts report and request; they never decide. */
export const SENDERS: { [K in MessageKind]: readonly SenderKind[] } = {
  'page.status': ['extension-view'],
  'agent.report': ['content'],
  'agent.handshake': ['content'],
  'agent.state': ['content'],
  'ui.tabState': ['extension-view', 'extension-tab'],
  'ui.setToggle': ['extension-view', 'extension-tab'],
  'ui.setDebuggerSignal': ['extension-view', 'extension-tab'],
  'approval.request': ['content'],
  'approval.consume': ['content'],
  'approval.list': ['extension-view', 'extension-tab'],
  'approval.approve': ['extension-view', 'extension-tab'],
  'approval.approveWithPassword': ['extension-view', 'extension-tab'],
  'approval.deny': ['extension-view', 'extension-tab'],
  'approval.pageForgery': ['content'],
  'approval.audit': ['extension-view', 'extension-tab'],
  'approval.verifyReceipt': ['extension-view', 'extension-tab'],
  'passkey.list': ['extension-view', 'extension-tab'],
  'passkey.registrationOptions': ['extension-view', 'extension-tab'],
  'passkey.enroll': ['extension-view', 'extension-tab'],
  'passkey.rename': ['extension-view', 'extension-tab'],
  'passkey.factorOptions': ['extension-view', 'extension-tab'],
  'passkey.remove': ['extension-view', 'extension-tab'],
  'confirm.method': ['extension-view', 'extension-tab'],
  'policy.list': ['extension-view', 'extension-tab'],
  'policy.set': ['extension-view', 'extension-tab'],
  'policy.revoke': ['extension-view', 'extension-tab'],
  'oauth.tabFlows': ['content'],
  // Decided in Airlock's views only: the human window holds a sandboxed page, and a tab can be scripted.
  'oauth.flow': ['extension-view'],
  'oauth.decide': ['extension-view'],
  'oauth.pending': ['extension-view'],
  'token.request': ['content'],
  'token.pending': ['extension-view', 'extension-tab'],
  // An agent can open an Airlock page in a tab and click; it cannot open the toolbar popup.
  'token.decide': ['extension-view'],
  'token.providers': ['extension-view', 'extension-tab'],
  'token.saveProvider': ['extension-view', 'extension-tab'],
  'token.grants': ['extension-view', 'extension-tab'],
  'token.revoke': ['extension-view', 'extension-tab'],
  'vault.status': ['extension-view', 'extension-tab'],
  'vault.idleLock': ['extension-view', 'extension-tab'],
  'vault.setIdleLock': ['extension-view', 'extension-tab'],
  'vault.create': ['extension-view', 'extension-tab'],
  'vault.unlock': ['extension-view', 'extension-tab'],
  'vault.lock': ['extension-view', 'extension-tab'],
  'vault.changePassword': ['extension-view', 'extension-tab'],
  'vault.beginEdit': ['extension-view', 'extension-tab'],
  'vault.editSession': ['extension-view', 'extension-tab'],
  'vault.endEdit': ['extension-view', 'extension-tab'],
  'vault.list': ['extension-view', 'extension-tab'],
  'vault.add': ['extension-view', 'extension-tab'],
  'vault.update': ['extension-view', 'extension-tab'],
  'vault.delete': ['extension-view', 'extension-tab'],
  'vault.import': ['extension-view', 'extension-tab'],
  'vault.export': ['extension-view', 'extension-tab'],
  'vault.importEncrypted': ['extension-view', 'extension-tab'],
  'vault.audit': ['extension-view', 'extension-tab'],
  'vault.auditExport': ['extension-view', 'extension-tab'],
  'credential.request': ['content'],
  'credential.submit': ['content'],
  'credential.pending': ['extension-view', 'extension-tab'],
  // Releasing a credential into an agent's tab: an agent can open an Airlock page in a tab and click
  // there; it cannot open the toolbar popup.
  'credential.decide': ['extension-view'],
  'credential.humanOffer': ['extension-view'],
  'credential.humanFill': ['extension-view'],
  'credential.policies': ['extension-view', 'extension-tab'],
  'credential.revokePolicy': ['extension-view', 'extension-tab'],
  'credential.inPageSites': ['extension-view', 'extension-tab'],
  'credential.revokeInPage': ['extension-view', 'extension-tab'],
  'vault.passkeys': ['extension-view', 'extension-tab'],
  'vault.addPasskey': ['extension-view', 'extension-tab'],
  'vault.removePasskey': ['extension-view', 'extension-tab'],
  'vault.unlockWithPasskey': ['extension-view', 'extension-tab'],
  'credential.humanFillCode': ['extension-view'],
};

export interface Envelope<K extends MessageKind = MessageKind> {
  airlock: 'internal';
  kind: K;
  payload: RequestOf<K>;
  /** The sending document's own name for itself (see call.ts): used only where the browser gives none. */
  document?: string;
}

export type Reply<K extends MessageKind = MessageKind> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: ErrorData };
