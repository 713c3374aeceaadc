import type { FormSignal } from '../../form-signal';
import { buttonText } from './button-text';
import { cardFields } from './card-fields';
import { codeField } from './code-field';
import { consentCheckbox } from './consent-checkbox';
import { formAttributes } from './form-attributes';
import { headingText } from './heading-text';
import { loneIdentifier } from './lone-identifier';
import { newIdentifier } from './new-identifier';
import { pageRegion } from './page-region';
import { paragraphText } from './paragraph-text';
import { passwordCount } from './password-count';
import { passwordIntent } from './password-intent';
import { paymentFrame } from './payment-frame';
import { personalFields } from './personal-fields';
import { searchBox } from './search-box';
import { splitCode } from './split-code';

/** Every form-level signal. A group's kind is the one with the highest total vote. */
export const FORM_SIGNALS: readonly FormSignal[] = [
  passwordCount,
  passwordIntent,
  headingText,
  buttonText,
  formAttributes,
  paragraphText,
  splitCode,
  codeField,
  cardFields,
  paymentFrame,
  searchBox,
  loneIdentifier,
  personalFields,
  consentCheckbox,
  newIdentifier,
  pageRegion,
];
