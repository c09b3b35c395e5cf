/** A minimal stored (uncompressed) zip with the given files: a 'random zip' that is neither .docx nor .xlsx. */
function crc32(data: Uint8Array): number {
  let c = ~0;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

export function zipBytes(files: Record<string, string>): Uint8Array {
  const enc = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = [...enc.encode(name)];
    const data = enc.encode(text);
    const crc = crc32(data);
    const offset = local.length;
    const common = [...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(crc), ...u32(data.length), ...u32(data.length), ...u16(nameBytes.length), ...u16(0)];
    local.push(...u32(0x04034b50), ...common, ...nameBytes, ...data);
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...nameBytes);
  }
  const count = Object.keys(files).length;
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(central.length), ...u32(local.length), ...u16(0)];
  return Uint8Array.from([...local, ...central, ...end]);
}

/**
 * A zip bomb that lies: `[Content_Types].xml` and one deflated part `name` that inflates to `megabytes`
 * MB of the same byte, while its headers declare `declaredBytes` unpacked (so a size check that trusts
 * the directory lets it through). The deflated stream is built in chunks, never held unpacked.
 */
export async function lyingZipBomb(name: string, megabytes: number, declaredBytes = 4096): Promise<Uint8Array> {
  const { createDeflateRaw } = await import('node:zlib');
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  const packed = Buffer.concat(out);
  const enc = new TextEncoder();
  const types = enc.encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const parts: { name: number[]; method: number; data: Uint8Array; crc: number; size: number }[] = [
    { name: [...enc.encode('[Content_Types].xml')], method: 0, data: types, crc: crc32(types), size: types.length },
    { name: [...enc.encode(name)], method: 8, data: packed, crc: 0, size: declaredBytes },
  ];
  const local: Buffer[] = [];
  const central: number[] = [];
  let offset = 0;
  for (const p of parts) {
    const common = [...u16(20), ...u16(0), ...u16(p.method), ...u16(0), ...u16(0), ...u32(p.crc), ...u32(p.data.length), ...u32(p.size), ...u16(p.name.length), ...u16(0)];
    const header = Buffer.from([...u32(0x04034b50), ...common, ...p.name]);
    local.push(header, Buffer.from(p.data));
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...p.name);
    offset += header.length + p.data.length;
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(parts.length), ...u16(parts.length), ...u32(central.length), ...u32(offset), ...u16(0)];
  return new Uint8Array(Buffer.concat([...local, Buffer.from(central), Buffer.from(end)]));
}
