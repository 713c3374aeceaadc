import type { FieldFacts } from './field-facts';
import type { GroupFacts } from './group-facts';
import type { FieldRole, FormKind } from './types';

/** Gives each visible field of a classified group its role; fields with no role are left out. */
export function assignRoles(kind: FormKind, g: GroupFacts): Map<Element, FieldRole> {
  const roles = new Map<Element, FieldRole>();
  const set = (f: FieldFacts | undefined, role: FieldRole) => {
    if (f && !roles.has(f.element)) roles.set(f.element, role);
  };
  switch (kind) {
    case 'login': {
      const password = g.passwords[0];
      set(usernameFor(g, password), 'username');
      set(password, 'current-password');
      for (const f of g.otpFields) set(f, 'one-time-code');
      break;
    }
    case 'sign-up': {
      for (const f of g.identifiers) set(f, 'username');
      let haveNew = false;
      for (const p of g.passwords) {
        if (p.passwordHint === 'confirm' && haveNew) set(p, 'confirm-password');
        else if (!haveNew) {
          set(p, 'new-password');
          haveNew = true;
        } else set(p, 'confirm-password');
      }
      break;
    }
    case 'change-password':
      changePasswordRoles(g.passwords, set);
      break;
    case 'one-time-code': {
      const codes = g.splitOtp.length ? g.splitOtp : g.otpFields;
      if (codes.length) for (const f of codes) set(f, 'one-time-code');
      else if (g.fields.length === 1) set(g.fields[0], 'one-time-code');
      break;
    }
    case 'payment':
      for (const f of splitCardNumber(g)) set(f, 'card-number');
      for (const f of g.cardFields) {
        set(f, f.fieldClass === 'card-number' ? 'card-number' : f.fieldClass === 'card-expiry' ? 'card-expiry' : f.fieldClass === 'card-csc' ? 'card-security-code' : 'card-holder');
      }
      break;
    default:
      break;
  }
  return roles;
}

/**
 * The username of a sign-in: the field that says so (`autocomplete=username`), else the identifier
 * closest before the password, else the plain text field just before it (an unlabelled "member
 * number" box is still the username).
 */
function usernameFor(g: GroupFacts, password: FieldFacts | undefined): FieldFacts | undefined {
  const tagged = g.identifiers.find((f) => f.autocomplete.includes('username'));
  if (tagged) return tagged;
  if (!password) return g.identifiers[0];
  const index = g.fields.indexOf(password);
  const before = g.fields.slice(0, index);
  const identifier = [...before].reverse().find((f) => f.fieldClass === 'identifier');
  if (identifier) return identifier;
  const previous = before[before.length - 1];
  if (previous && previous.fieldClass === 'unknown' && ['text', 'email', 'tel', 'number'].includes(previous.type)) return previous;
  return g.identifiers[0];
}

function changePasswordRoles(passwords: FieldFacts[], set: (f: FieldFacts | undefined, role: FieldRole) => void): void {
  const current = passwords.find((p) => p.passwordHint === 'current');
  if (passwords.length >= 3) {
    const cur = current ?? passwords[0]!;
    set(cur, 'current-password');
    const rest = passwords.filter((p) => p !== cur);
    const confirm = rest.find((p) => p.passwordHint === 'confirm') ?? rest[1];
    set(rest.find((p) => p !== confirm), 'new-password');
    set(confirm, 'confirm-password');
    return;
  }
  if (passwords.length === 2) {
    if (current) {
      set(current, 'current-password');
      set(passwords.find((p) => p !== current), 'new-password');
    } else {
      set(passwords[0], 'new-password');
      set(passwords[1], 'confirm-password');
    }
    return;
  }
  const only = passwords[0];
  if (only) set(only, current === only ? 'current-password' : 'new-password');
}

/**
 * Card numbers typed into four boxes of four digits (common on Japanese checkouts): the boxes after a
 * card-number box with the same width are the rest of the number.
 */
function splitCardNumber(g: GroupFacts): FieldFacts[] {
  const out: FieldFacts[] = [];
  g.fields.forEach((f, i) => {
    if (f.fieldClass !== 'card-number' || f.maxLength < 3 || f.maxLength > 6) return;
    for (let j = i + 1; j < g.fields.length && j <= i + 4; j++) {
      const next = g.fields[j]!;
      if (next.maxLength !== f.maxLength || next.type !== f.type || (next.fieldClass !== 'unknown' && next.fieldClass !== 'otp')) break;
      out.push(next);
    }
  });
  return out;
}
