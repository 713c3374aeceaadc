import { describe, expect, it } from 'vitest';
import { fieldFacts } from '../../../lib/detect/field-facts';
import { LabelIndex } from '../../../lib/detect/field-text';
import { groupFacts } from '../../../lib/detect/group-facts';
import { collectCandidates } from '../../../lib/detect/candidates';
import { FIELD_SIGNALS } from '../../../lib/detect/signals/field';
import { FORM_SIGNALS } from '../../../lib/detect/signals/form';
import { page } from './dom';

function facts(html: string) {
  const doc = page(html);
  return fieldFacts(doc.querySelector('#x')!, new LabelIndex());
}

function group(html: string) {
  const doc = page(html);
  const root = doc.querySelector('form, [data-root]')!;
  return groupFacts(root, collectCandidates(root), new LabelIndex());
}

const fieldSignal = (name: string) => FIELD_SIGNALS.find((s) => s.name === name)!;
const formSignal = (name: string) => FORM_SIGNALS.find((s) => s.name === name)!;

describe('field signals', () => {
  it('autocomplete-token reads the author-declared purpose', () => {
    expect(fieldSignal('autocomplete-token').score(facts(`<input id=x autocomplete="section-a shipping cc-number">`))).toEqual({ 'card-number': 12 });
    expect(fieldSignal('autocomplete-token').score(facts(`<input id=x autocomplete=one-time-code>`))).toEqual({ otp: 12 });
  });

  it('input-type votes for password, e-mail and search boxes', () => {
    expect(fieldSignal('input-type').score(facts(`<input id=x type=password>`))).toEqual({ password: 9 });
    expect(fieldSignal('input-type').score(facts(`<input id=x type=search>`))).toEqual({ search: 6 });
  });

  it('name-attributes splits camelCase and separators', () => {
    expect(fieldSignal('name-attributes').score(facts(`<input id=x name=userName>`)).identifier).toBeGreaterThan(0);
    expect(fieldSignal('name-attributes').score(facts(`<input id=x name=cc_number>`))['card-number']).toBeGreaterThan(0);
    // `pass` must not match inside `passport`.
    expect(fieldSignal('name-attributes').score(facts(`<input id=x name=passport_no>`)).password).toBeUndefined();
  });

  it('label-text reads label[for], wrapping labels, aria-labelledby, placeholders and nearby text', () => {
    const label = fieldSignal('label-text');
    expect(label.score(facts(`<label for=x>Mot de passe</label><input id=x>`)).password).toBeGreaterThan(0);
    expect(label.score(facts(`<label>パスワード <input id=x></label>`)).password).toBeGreaterThan(0);
    expect(label.score(facts(`<span id=l>Card number</span><input id=x aria-labelledby=l>`))['card-number']).toBeGreaterThan(0);
    expect(label.score(facts(`<input id=x placeholder="Code de vérification">`)).otp).toBeGreaterThan(0);
    expect(label.score(facts(`<div>メールアドレス</div><input id=x>`)).identifier).toBeGreaterThan(0);
  });

  it('digit-box recognises one-character boxes', () => {
    expect(fieldSignal('digit-box').score(facts(`<input id=x maxlength=1>`))).toEqual({ otp: 5 });
    expect(fieldSignal('digit-box').score(facts(`<input id=x type=password maxlength=1>`))).toEqual({});
  });

  it('a masked card security code is a security code, not a password', () => {
    expect(facts(`<label for=x>CVV</label><input id=x type=password maxlength=4>`).fieldClass).toBe('card-csc');
  });

  it('password hints come from autocomplete, then wording, then password rules', () => {
    expect(facts(`<input id=x type=password autocomplete=current-password>`).passwordHint).toBe('current');
    expect(facts(`<input id=x type=password aria-label="Repeat password">`).passwordHint).toBe('confirm');
    expect(facts(`<input id=x type=password aria-label="Password (at least 12 characters)">`).passwordHint).toBe('new');
  });
});

describe('form signals', () => {
  it('password-count: one, two and three password boxes', () => {
    const s = formSignal('password-count');
    expect(s.score(group(`<form><input type=password></form>`))).toEqual({ login: 4 });
    expect(s.score(group(`<form><input type=password><input type=password></form>`))).toEqual({ 'change-password': 4, 'sign-up': 1 });
    expect(s.score(group(`<form><input type=password><input type=password><input type=password></form>`))).toEqual({ 'change-password': 7 });
  });

  it('password-intent: current beside new is a change', () => {
    expect(formSignal('password-intent').score(group(`<form><input type=password autocomplete=current-password><input type=password autocomplete=new-password></form>`))).toEqual({ 'change-password': 5 });
  });

  it('heading-text, button-text, form-attributes and paragraph-text vote by wording', () => {
    expect(formSignal('heading-text').score(group(`<form><h2>ログイン</h2><input></form>`)).login).toBe(3);
    expect(formSignal('button-text').score(group(`<form><input><button>Créer un compte</button></form>`))['sign-up']).toBe(3);
    expect(formSignal('form-attributes').score(group(`<form id=newsletter-signup><input></form>`)).newsletter).toBe(2);
    expect(formSignal('paragraph-text').score(group(`<form><p>No account? <a>Sign up</a></p><input></form>`))['sign-up']).toBeUndefined();
  });

  it('split-code needs four to eight one-character boxes in a row', () => {
    const boxes = (n: number) => `<form>${'<input maxlength=1>'.repeat(n)}</form>`;
    expect(formSignal('split-code').score(group(boxes(6)))).toEqual({ 'one-time-code': 9 });
    expect(formSignal('split-code').score(group(boxes(3)))).toEqual({});
  });

  it('code-field, card-fields, payment-frame and search-box', () => {
    expect(formSignal('code-field').score(group(`<form><input autocomplete=one-time-code></form>`))).toEqual({ 'one-time-code': 8 });
    expect(formSignal('card-fields').score(group(`<form><input autocomplete=cc-number></form>`))).toEqual({ payment: 9 });
    expect(formSignal('payment-frame').score(group(`<form><iframe src="https://js.stripe.com/v3/x.html"></iframe></form>`))).toEqual({ payment: 8 });
    expect(formSignal('search-box').score(group(`<form><input name=q></form>`))).toEqual({ search: 3 });
  });

  it('lone-identifier separates step one of a sign-in from a newsletter box', () => {
    expect(formSignal('lone-identifier').score(group(`<form><input type=email autocomplete=username><button>Next</button></form>`))).toEqual({ login: 5 });
    expect(formSignal('lone-identifier').score(group(`<form><input type=email><button>Go</button></form>`))).toEqual({ newsletter: 1 });
  });

  it('personal-fields, consent-checkbox, new-identifier and page-region', () => {
    expect(formSignal('personal-fields').score(group(`<form><input name=first_name><input type=email><input type=password></form>`))['sign-up']).toBeGreaterThan(0);
    expect(formSignal('consent-checkbox').score(group(`<form><input type=password><label><input type=checkbox> I accept the terms</label></form>`))).toEqual({ 'sign-up': 2 });
    expect(formSignal('consent-checkbox').score(group(`<form><input type=password><label><input type=checkbox> Se souvenir de moi</label></form>`))).toEqual({ login: 2 });
    expect(formSignal('new-identifier').score(group(`<form><input type=email aria-label="New email"><input type=password></form>`)).login).toBeLessThan(0);
    expect(formSignal('page-region').score(group(`<footer><form><input type=email></form></footer>`))).toEqual({ newsletter: 2 });
  });
});
