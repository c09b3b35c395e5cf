/**
 * A session's agenda items as a person types them: "5.1, 5.2 / 7.1" to item ids and back. Labels are
 * matched as written, the first item in agenda order winning when a label repeats (the seed agenda has two
 * items "3"); a label with no item is reported so the board can say so instead of dropping it silently.
 */

export interface LabelledItem {
  id: string;
  label: string;
}

/** The labels of `ids` in the order given, for display ('5.1, 5.2'); unknown ids are left out. */
export function labelsOf(ids: readonly string[], agenda: readonly LabelledItem[]): string {
  const byId = new Map(agenda.map((a) => [a.id, a.label]));
  return ids
    .map((id) => byId.get(id))
    .filter((l): l is string => !!l)
    .join(', ');
}

/** Item ids for a typed list of labels (separated by commas, slashes, semicolons or spaces), in typed order. */
export function resolveLabels(text: string, agenda: readonly LabelledItem[]): { ids: string[]; unknown: string[] } {
  const first = new Map<string, string>();
  for (const a of agenda) if (a.label && !first.has(a.label)) first.set(a.label, a.id);
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const word of text.split(/[\s,;/]+/)) {
    const label = word.trim().replace(/\.$/, '');
    if (!label) continue;
    const id = first.get(label);
    if (id === undefined) unknown.push(label);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, unknown };
}
