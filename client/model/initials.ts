/**
 * Up to two initials of a person's name for presence dots: the first letters of the first and the last
 * word, leaving out what is in brackets and any punctuation ("Wanshi Chen (Chair)" → "WC", "Dr. Ann-Marie
 * O'Neill [Nokia]" → "DO", "李伟" → "李"). '?' when the name has no letter at all.
 */
export function initials(name: string): string {
  const bare = name.replace(/\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?/gu, ' ');
  const words = bare
    .split(/\s+/u)
    .map((w) => w.match(/[\p{L}\p{N}]/u)?.[0] ?? '')
    .filter(Boolean);
  if (!words.length) {
    const any = name.match(/[\p{L}\p{N}]/u)?.[0];
    return any ? any.toUpperCase() : '?';
  }
  return (words[0] + (words.length > 1 ? words[words.length - 1] : '')).toUpperCase();
}
