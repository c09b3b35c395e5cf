/**
 * HTML (mammoth's rendering of a Word file, or a page saved from Word) as agenda blocks: headings, paragraphs,
 * list items with their nesting and kind, and tables as grids. Unknown wrappers (div, section ...) are walked
 * through.
 */
import { parse, type HTMLElement } from 'node-html-parser';
import type { Block } from './blockTypes.js';
import { checkBoxes, decodeEntities, tableGrid } from './htmlTable.js';
import { cleanText } from './normalize.js';

function textOf(el: HTMLElement): string {
  return cleanText(decodeEntities(checkBoxes(el.innerHTML).replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')));
}

/** mammoth's HTML to blocks, in document order. */
export function htmlBlocks(html: string): Block[] {
  const root = parse(html, { comment: false });
  const blocks: Block[] = [];
  const isList = (n: HTMLElement) => /^(ul|ol)$/i.test(n.tagName ?? '');
  const walkList = (list: HTMLElement, depth: number) => {
    const ordered = list.tagName.toLowerCase() === 'ol';
    for (const li of list.childNodes as HTMLElement[]) {
      if (li.nodeType !== 1 || li.tagName?.toLowerCase() !== 'li') continue;
      const own = li.childNodes.filter((c) => !isList(c as HTMLElement));
      const text = cleanText(decodeEntities(own.map((c) => c.toString()).join('').replace(/<[^>]*>/g, ' ')));
      const links = li.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').filter(Boolean);
      if (text) blocks.push({ kind: 'bullet', text, links, depth, ordered });
      for (const sub of li.childNodes as HTMLElement[]) if (sub.nodeType === 1 && isList(sub)) walkList(sub, depth + 1);
    }
  };
  const walk = (nodes: HTMLElement[]) => {
    for (const el of nodes) {
      if (el.nodeType !== 1) continue;
      const tag = (el.tagName ?? '').toLowerCase();
      if (/^h[1-6]$/.test(tag)) blocks.push({ kind: 'heading', level: Number(tag[1]), text: textOf(el) });
      else if (tag === 'p') {
        const links = el.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').filter(Boolean);
        blocks.push({ kind: 'para', text: textOf(el), links });
      } else if (tag === 'ul' || tag === 'ol') {
        walkList(el, 0);
      } else if (tag === 'table') blocks.push({ kind: 'table', rows: tableGrid(el) });
      else walk(el.childNodes as HTMLElement[]);
    }
  };
  walk(root.childNodes as HTMLElement[]);
  return blocks;
}
