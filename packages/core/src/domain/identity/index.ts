export { acceptsPhone, normaliseCardNumber, normaliseIdNumber, normalisePhone } from './normalise.js';
export { IDENTITY_HASH_SCHEME, type IdentityKind, identityHashMessage } from './keyed-hash.js';
