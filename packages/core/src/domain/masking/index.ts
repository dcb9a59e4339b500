export { IMPORTED_PLACEHOLDER, maskCardNumber, maskComplainant, maskIdNumber, maskName, maskPhone } from './mask.js';
export { redactComplaintText, redactEventText } from './free-text.js';
export { redactText } from './redact.js';
export { CUSTOMER_EVENT_DETAILS, customerActorView, customerEventView, customerView } from './customer-view.js';
