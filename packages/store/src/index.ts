/**
 * @parley/store: the durable store behind core's `ParleyStore` port, on SQLite (the embedded
 * default) or PostgreSQL (several instances sharing one database), through one kysely
 * implementation with migrations in code.
 */
export { type OpenParleyStoreOptions, openParleyStore } from './open-parley-store.js';
export { type StoreLocation, parseStoreUrl } from './store-url.js';
export { StoreClosedError } from './store-errors.js';
