import type { FieldSignal } from '../../field-facts';

/** The input's `type`: a password box is a password box whatever it is called. */
export const inputTypeSignal: FieldSignal = {
  name: 'input-type',
  score(facts) {
    switch (facts.type) {
      case 'password':
        return { password: 9 };
      case 'email':
        return { identifier: 4 };
      case 'search':
        return { search: 6 };
      case 'tel':
        return { personal: 1 };
      case 'textarea':
        return { personal: 1 };
      default:
        return {};
    }
  },
};
