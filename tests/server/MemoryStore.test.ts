import { MemoryStore } from '../../server/persistence/MemoryStore.js';
import { registerDocStoreContract } from './docStoreContract.js';

registerDocStoreContract('MemoryStore', async () => ({ store: new MemoryStore() }));
