export { maskCardNumber, maskComplainant, maskIdNumber, maskName, maskPhone, redactText } from './mask.js';
