export * from './actions.js';
export * from './actor.js';
export * from './codes.js';
export * from './complainant.js';
export * from './complaint.js';
export * from './primitives.js';
export * from './query.js';
export * from './stream.js';
