/**
 * The address phones in the room can reach. A server bound to every interface (HOST=0.0.0.0, or
 * `plenary serve --lan`) with no PUBLIC_URL would hand out links to 0.0.0.0 or 127.0.0.1, which no phone
 * can open (the room screen's QR code among them); the machine's LAN IPv4 address works on the room's
 * network.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type InterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** True for a host that means "every interface". */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '0:0:0:0:0:0:0:0';
}

/**
 * The first non-internal IPv4 address, in the order the OS lists interfaces; link-local ones
 * (169.254.x.x, an interface with no DHCP answer) only when there is nothing else. Undefined when none.
 */
export function lanAddress(interfaces: InterfaceList = networkInterfaces()): string | undefined {
  let linkLocal: string | undefined;
  for (const list of Object.values(interfaces)) {
    for (const i of list ?? []) {
      // Node 18.0–18.3 reported family as a number.
      const v4 = i.family === 'IPv4' || (i.family as unknown) === 4;
      if (!v4 || i.internal) continue;
      if (i.address.startsWith('169.254.')) linkLocal ??= i.address;
      else return i.address;
    }
  }
  return linkLocal;
}

/**
 * The base of the links to hand out: PUBLIC_URL when set; else, for a server on every interface, the
 * LAN address and port; else the address it listens on.
 */
export function linkBase(opts: { publicUrl?: string; host: string; port: number; interfaces?: InterfaceList }): string {
  if (opts.publicUrl) return opts.publicUrl.replace(/\/+$/, '');
  if (isWildcardHost(opts.host)) {
    const lan = lanAddress(opts.interfaces);
    if (lan) return `http://${lan}:${opts.port}`;
  }
  const host = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  return `http://${host}:${opts.port}`;
}
