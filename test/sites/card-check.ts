export interface CardFields {
  number: string;
  expiry: string;
  cvc: string;
  holder: string;
}

/** Returns a human-readable reason when the card cannot be charged, or undefined when it can. */
export function cardProblem(card: CardFields, now: Date = new Date()): string | undefined {
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) return 'The card number is not valid.';
  const expiry = /^(\d{2})\s*\/\s*(\d{2})$/.exec(card.expiry.trim());
  const month = Number(expiry?.[1]);
  const year = 2000 + Number(expiry?.[2]);
  if (!expiry || month < 1 || month > 12) return 'Enter the expiry date as MM/YY.';
  if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) return 'The card has expired.';
  if (!/^\d{3,4}$/.test(card.cvc.trim())) return 'The security code has 3 or 4 digits.';
  if (!card.holder.trim()) return 'Enter the name on the card.';
  return undefined;
}

/** ISO/IEC 7812-1 check digit. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
