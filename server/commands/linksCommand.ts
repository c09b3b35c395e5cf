/** `plenary links MEETING`: prints a meeting's four links. Lands with the server issue. */
export async function linksCommand(_args: string[]): Promise<number | undefined> {
  process.stderr.write('error: the server is not there yet (it comes with the sync server issue)\n');
  return 2;
}
