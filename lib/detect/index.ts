/** Public surface of the form detection engine. */
export { detectForms } from './detect';
export { FormIndex, toFormReport } from './form-index';
export { SHADOW_JOIN, selectorFor } from './selector';
export { CANDIDATE_SELECTOR } from './dom';
export { isCandidate } from './candidates';
export type { DetectedField, DetectedForm, DetectOptions, FieldReport, FieldRole, FormKind, FormReport, ShadowRootAccessor } from './types';
export { FIELD_ROLES, FORM_KINDS } from './types';
