/**
 * Public (webmail) e-mail domains such as gmail.com, qq.com or outlook.com: anyone may write from them, so
 * such a domain never names an organisation, even when one registered person happens to use it. The list
 * is the `freemail` package's (free.txt, about 4,500 domains), read once into a Set on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let domains: Set<string> | undefined;

function load(): Set<string> {
  const dir = dirname(createRequire(import.meta.url).resolve('freemail/package.json'));
  const lines = readFileSync(join(dir, 'data', 'free.txt'), 'utf8').split('\n');
  return new Set(lines.map((l) => l.trim().toLowerCase()).filter(Boolean));
}

/** True for a public mail domain (`gmail.com`, `mail.163.com` under `163.com`...), compared without case. */
export function isPublicMailDomain(domain: string): boolean {
  domains ??= load();
  const d = domain.trim().toLowerCase().replace(/^@/, '');
  const parts = d.split('.');
  for (let i = 0; i < parts.length - 1; i++) if (domains.has(parts.slice(i).join('.'))) return true;
  return false;
}
