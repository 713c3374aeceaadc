import { describe, expect, it } from 'vitest';
import { pageText } from '../../../lib/ui/page-text';

describe('text a page declares', () => {
  it('shows a right-to-left override as a visible code point, so the text reads as stored', () => {
    const shown = pageText('Example Shop \u202Efdp.exe');
    expect(shown.text).toBe('Example Shop [U+202E]fdp.exe');
    expect(shown.flags).toContain('bidi');
    expect(shown.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });

  it('flags a lookalike payee that mixes Latin and Cyrillic letters', () => {
    expect(pageText('P\u0430yPal').flags).toContain('mixed-scripts');
    expect(pageText('PayPal').flags).not.toContain('mixed-scripts');
    expect(pageText('Магазин Example').flags).not.toContain('mixed-scripts');
  });

  it('flags a payee that reads like an amount', () => {
    expect(pageText('Amount: $1').flags).toContain('claims-amount');
    expect(pageText('Montant : 1 €').flags).toContain('claims-amount');
    expect(pageText('Example Shop Ltd').flags).toEqual([]);
  });

  it('shows invisible characters and controls, and folds newlines', () => {
    expect(pageText('Pay\u200Bpal').text).toBe('Pay[U+200B]pal');
    expect(pageText('Shop\nAmount: 1').text).toBe('Shop Amount: 1');
    expect(pageText('a\u0007b')).toEqual({ text: 'a[U+0007]b', flags: ['control'] });
  });

  it('caps the length', () => {
    const shown = pageText('x'.repeat(500), 80);
    expect([...shown.text].length).toBe(81);
    expect(shown.flags).toContain('truncated');
  });
});
