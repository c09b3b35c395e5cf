import { onTestFinished } from 'vitest';
import { migratePg, openPgPool } from '../../server/persistence/pgDatabase.js';
import { PgStore } from '../../server/persistence/PgStore.js';
import { registerDocStoreContract } from '../server/docStoreContract.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';

registerDocStoreContract('G-PG-1 PgStore', async () => {
  const url = await freshPgDatabase();
  const open = async () => {
    const pool = openPgPool(url, 4);
    await migratePg(pool);
    const store = new PgStore(pool, { closePool: true });
    onTestFinished(() => store.close());
    return store;
  };
  const store = await open();
  return {
    store,
    reopen: async () => {
      await store.close();
      return open();
    },
  };
});
