import type { FieldSignal } from '../../field-facts';
import { autocompleteToken } from './autocomplete-token';
import { digitBox } from './digit-box';
import { inputTypeSignal } from './input-type';
import { labelTextSignal } from './label-text';
import { nameAttributes } from './name-attributes';

/** Every field-level signal. A field's class is the one with the highest total vote. */
export const FIELD_SIGNALS: readonly FieldSignal[] = [autocompleteToken, inputTypeSignal, nameAttributes, labelTextSignal, digitBox];
