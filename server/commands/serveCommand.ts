/** `plenary serve`: the sync server and the board on one port. Lands with the server issue. */
export async function serveCommand(_args: string[]): Promise<number | undefined> {
  process.stderr.write('error: the server is not there yet (it comes with the sync server issue); `npx plenary import` works\n');
  return 2;
}
