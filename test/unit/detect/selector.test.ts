import { describe, expect, it } from 'vitest';
import { selectorFor, toFormReport, detectForms } from '../../../lib/detect';
import { page } from './dom';

describe('selectors and reports', () => {
  it('uses a unique id, escaped; then a unique name; then an nth-of-type path', () => {
    const doc = page(`<div id=":r1:"></div><form><input name=a><input name=a></form>`);
    expect(selectorFor(doc.getElementById(':r1:')!)).toBe('#\\:r1\\:');
    const [first, second] = Array.from(doc.querySelectorAll('input'));
    expect(doc.querySelector(selectorFor(second!))).toBe(second);
    expect(selectorFor(first!)).not.toBe(selectorFor(second!));
  });

  it('form reports carry kinds, roles and selectors, never values or elements', () => {
    const doc = page(`<form><input id=u type=email aria-label=Email value="alice@example.com"><input id=p type=password aria-label=Password value="hunter2"><button>Sign in</button></form>`);
    const report = toFormReport(detectForms(doc)[0]!);
    const text = JSON.stringify(report);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('alice@example.com');
    expect(Object.keys(report).sort()).toEqual(['confidence', 'fields', 'handle', 'kind']);
    expect(report.fields.every((f) => Object.keys(f).sort().join() === 'role,selector')).toBe(true);
  });
});
