import { onTestFinished } from 'vitest';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { SqliteStore } from '../../server/persistence/SqliteStore.js';
import { registerDocStoreContract } from './docStoreContract.js';
import { tempDir } from '../helpers/tempDir.js';

registerDocStoreContract('SqliteStore', async () => {
  const dir = tempDir();
  const db = openDatabase(dir);
  const store = new SqliteStore(db, { closeDatabase: true });
  onTestFinished(() => store.close());
  return {
    store,
    failDeletingRecord: async (seq) => {
      db.exec(`CREATE TRIGGER fail_archive BEFORE DELETE ON history WHEN OLD.seq = ${seq} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      return async () => void db.exec('DROP TRIGGER fail_archive');
    },
    reopen: async () => {
      await store.close();
      return new SqliteStore(openDatabase(dir), { closeDatabase: true });
    },
  };
});
