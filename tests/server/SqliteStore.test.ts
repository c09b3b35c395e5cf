import { onTestFinished } from 'vitest';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { registerDocStoreContract } from './docStoreContract.js';
import { tempDir } from '../helpers/tempDir.js';

registerDocStoreContract('SqliteStore', async () => {
  const dir = tempDir();
  const store = new SqliteStore(openDatabase(dir), { closeDatabase: true });
  onTestFinished(() => store.close());
  return {
    store,
    reopen: async () => {
      await store.close();
      return new SqliteStore(openDatabase(dir), { closeDatabase: true });
    },
  };
});
