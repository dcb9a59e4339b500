export { BUSINESS_CATEGORIES, BUSINESS_CATEGORY_LABELS, majorBusinessClass } from './business.js';
export { COMPLAINT_CAUSE_LABELS, COMPLAINT_CAUSES } from './causes.js';
export { BUSINESS_CHANNEL_LABELS, BUSINESS_CHANNELS } from './channels.js';
export {
  BUSINESS_CATEGORY_CODES,
  BUSINESS_CATEGORY_LEAF_CODES,
  BUSINESS_CHANNEL_LEAF_CODES,
  COMPLAINT_CAUSE_LEAF_CODES,
  BUSINESS_CHANNEL_CODES,
  type BusinessCategoryCode,
  type BusinessChannelCode,
  COMPLAINT_CAUSE_CODES,
  type ComplaintCauseCode,
  INTAKE_CHANNEL_CODES,
  type IntakeChannelCode,
} from './codes.js';
export { INTAKE_CHANNEL_LABELS, INTAKE_CHANNELS } from './intake.js';
export { labelOf } from './label.js';
export type { Locale, TaxonomyNode } from './types.js';
export { regionFor } from './region-scope.js';
export { isKnownRegionCode } from './gbt2260.js';
