export { BUSINESS_CATEGORIES, majorBusinessClass, type BusinessCategoryCode } from './business.js';
export { COMPLAINT_CAUSES, type ComplaintCauseCode } from './causes.js';
export { BUSINESS_CHANNELS, type BusinessChannelCode } from './channels.js';
export { INTAKE_CHANNELS, type IntakeChannelCode } from './intake.js';
export { labelOf } from './label.js';
export type { Locale, TaxonomyNode } from './types.js';
