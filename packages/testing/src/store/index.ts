export { MemoryStore } from './memory-store.js';
export { describeParleyStoreContract, type ParleyStoreContractOptions } from './store-contract.js';
