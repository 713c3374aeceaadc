import type { AirlockClient } from '../../lib/protocol/client';
import type { AirlockReply, PublicTabState } from '../../lib/protocol/messages';

/** A detected form as the demo reads it; fields beyond these are kept in the raw reply only. */
export interface SeenForm {
  kind: string;
  handle: string;
  fields: Array<{ role: string; selector: string }>;
}

/** Airlock's answer to a `state` request: the tab state, and the frame's forms when Airlock sends them. */
export interface AirlockView {
  state: PublicTabState;
  /** Null when this build of Airlock does not report forms over the protocol. */
  forms: SeenForm[] | null;
  origin: string | null;
  reply: AirlockReply;
}

let counter = 0;

/**
 * Sends a raw `state` request: the client's `state()` returns the tab state only, and the demo also
 * wants the frame report that newer builds add to the reply. Read defensively, as an agent would.
 */
export async function askState(client: AirlockClient): Promise<AirlockView> {
  const reply = await client.raw({ v: 1, id: `demo-${Date.now().toString(36)}-${counter++}`, type: 'state' });
  if (reply.type === 'error') throw new Error(`Airlock answered ${reply.error.code}: ${reply.error.message}`);
  const frame = (reply as { frame?: unknown }).frame;
  return { state: reply.state, forms: readForms(frame), origin: readOrigin(frame), reply };
}

function readOrigin(frame: unknown): string | null {
  const origin = isRecord(frame) ? frame.origin : undefined;
  return typeof origin === 'string' ? origin : null;
}

function readForms(frame: unknown): SeenForm[] | null {
  if (!isRecord(frame) || !Array.isArray(frame.forms)) return null;
  return frame.forms.filter(isRecord).map((form) => ({
    kind: String(form.kind ?? 'unknown'),
    handle: String(form.handle ?? ''),
    fields: (Array.isArray(form.fields) ? form.fields : []).filter(isRecord).map((field) => ({
      role: String(field.role ?? ''),
      selector: String(field.selector ?? ''),
    })),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** "agent-driven (handshake: demo-agent 1.0; webdriver: navigator.webdriver)" */
export function describeState(state: PublicTabState): string {
  const why = state.signals.map((s) => `${s.source}${s.agent ? '' : ' (off)'}: ${s.detail}`).join('; ');
  return `${state.agentDriven ? 'agent-driven' : 'not agent-driven'}${why ? ` (${why})` : ''}`;
}

/** "login form #login-form: username #email, current-password #password, submit #sign-in" */
export function describeForms(view: AirlockView): string[] {
  if (view.forms === null) return ['This build does not report detected forms over the protocol.'];
  if (view.forms.length === 0) return ['No forms detected in this frame.'];
  return view.forms.map((form) => {
    const fields = form.fields.map((f) => `${f.role} ${f.selector}`).join(', ');
    return `${form.kind} form ${form.handle}${fields ? `: ${fields}` : ''}`;
  });
}

/** Kinds of the detected forms, or null when the build reports none. */
export function formKinds(view: AirlockView): string[] | null {
  return view.forms === null ? null : view.forms.map((f) => f.kind);
}
