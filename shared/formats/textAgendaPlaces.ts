/**
 * Where standards meetings are held, and their IANA time zones: enough to give an imported agenda a
 * sensible `meta.timezone` from its venue line. Cities first, then countries (a country with one zone, or
 * the zone most meetings there use). Anything not listed gives 'UTC', which the secretary can change.
 */

const CITIES: Record<string, string> = {
  seoul: 'Asia/Seoul', busan: 'Asia/Seoul', jeju: 'Asia/Seoul', incheon: 'Asia/Seoul', daejeon: 'Asia/Seoul',
  tokyo: 'Asia/Tokyo', osaka: 'Asia/Tokyo', kyoto: 'Asia/Tokyo', fukuoka: 'Asia/Tokyo', yokohama: 'Asia/Tokyo',
  sapporo: 'Asia/Tokyo', okinawa: 'Asia/Tokyo', nagoya: 'Asia/Tokyo',
  beijing: 'Asia/Shanghai', shanghai: 'Asia/Shanghai', shenzhen: 'Asia/Shanghai', xiamen: 'Asia/Shanghai',
  hangzhou: 'Asia/Shanghai', nanjing: 'Asia/Shanghai', chengdu: 'Asia/Shanghai', "xi'an": 'Asia/Shanghai',
  wuhan: 'Asia/Shanghai', guangzhou: 'Asia/Shanghai', qingdao: 'Asia/Shanghai', sanya: 'Asia/Shanghai',
  'hong kong': 'Asia/Hong_Kong', macau: 'Asia/Macau', taipei: 'Asia/Taipei', singapore: 'Asia/Singapore',
  bangalore: 'Asia/Kolkata', bengaluru: 'Asia/Kolkata', delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata', chennai: 'Asia/Kolkata', hyderabad: 'Asia/Kolkata', goa: 'Asia/Kolkata',
  'kuala lumpur': 'Asia/Kuala_Lumpur', bangkok: 'Asia/Bangkok', jakarta: 'Asia/Jakarta', bali: 'Asia/Makassar',
  manila: 'Asia/Manila', dubai: 'Asia/Dubai', 'abu dhabi': 'Asia/Dubai', doha: 'Asia/Qatar',
  'tel aviv': 'Asia/Jerusalem', istanbul: 'Europe/Istanbul',
  'sophia antipolis': 'Europe/Paris', 'sophia-antipolis': 'Europe/Paris', nice: 'Europe/Paris',
  paris: 'Europe/Paris', lyon: 'Europe/Paris', cannes: 'Europe/Paris', marseille: 'Europe/Paris',
  london: 'Europe/London', edinburgh: 'Europe/London', manchester: 'Europe/London', dublin: 'Europe/Dublin',
  berlin: 'Europe/Berlin', munich: 'Europe/Berlin', frankfurt: 'Europe/Berlin', dresden: 'Europe/Berlin',
  hamburg: 'Europe/Berlin', stuttgart: 'Europe/Berlin', cologne: 'Europe/Berlin', darmstadt: 'Europe/Berlin',
  vienna: 'Europe/Vienna', prague: 'Europe/Prague', budapest: 'Europe/Budapest', warsaw: 'Europe/Warsaw',
  krakow: 'Europe/Warsaw', madrid: 'Europe/Madrid', barcelona: 'Europe/Madrid', malaga: 'Europe/Madrid',
  sevilla: 'Europe/Madrid', seville: 'Europe/Madrid', lisbon: 'Europe/Lisbon', porto: 'Europe/Lisbon',
  rome: 'Europe/Rome', milan: 'Europe/Rome', turin: 'Europe/Rome', venice: 'Europe/Rome',
  amsterdam: 'Europe/Amsterdam', 'the hague': 'Europe/Amsterdam', brussels: 'Europe/Brussels',
  antwerp: 'Europe/Brussels', luxembourg: 'Europe/Luxembourg', geneva: 'Europe/Zurich', zurich: 'Europe/Zurich',
  stockholm: 'Europe/Stockholm', gothenburg: 'Europe/Stockholm', helsinki: 'Europe/Helsinki',
  oslo: 'Europe/Oslo', copenhagen: 'Europe/Copenhagen', athens: 'Europe/Athens', sofia: 'Europe/Sofia',
  bucharest: 'Europe/Bucharest', tallinn: 'Europe/Tallinn', riga: 'Europe/Riga',
  'san francisco': 'America/Los_Angeles', 'san jose': 'America/Los_Angeles', 'san diego': 'America/Los_Angeles',
  'los angeles': 'America/Los_Angeles', 'santa clara': 'America/Los_Angeles', seattle: 'America/Los_Angeles',
  reno: 'America/Los_Angeles', 'las vegas': 'America/Los_Angeles', vancouver: 'America/Vancouver',
  denver: 'America/Denver', phoenix: 'America/Phoenix', chicago: 'America/Chicago', dallas: 'America/Chicago',
  houston: 'America/Chicago', 'new orleans': 'America/Chicago', 'new york': 'America/New_York',
  boston: 'America/New_York', washington: 'America/New_York', atlanta: 'America/New_York',
  miami: 'America/New_York', orlando: 'America/New_York', 'west palm beach': 'America/New_York',
  montreal: 'America/Toronto', toronto: 'America/Toronto', ottawa: 'America/Toronto',
  'mexico city': 'America/Mexico_City', 'sao paulo': 'America/Sao_Paulo', 'são paulo': 'America/Sao_Paulo',
  sydney: 'Australia/Sydney', melbourne: 'Australia/Melbourne', brisbane: 'Australia/Brisbane',
  auckland: 'Pacific/Auckland', 'cape town': 'Africa/Johannesburg', johannesburg: 'Africa/Johannesburg',
};

const COUNTRIES: Record<string, string> = {
  korea: 'Asia/Seoul', japan: 'Asia/Tokyo', china: 'Asia/Shanghai', taiwan: 'Asia/Taipei',
  india: 'Asia/Kolkata', malaysia: 'Asia/Kuala_Lumpur', thailand: 'Asia/Bangkok', vietnam: 'Asia/Ho_Chi_Minh',
  france: 'Europe/Paris', germany: 'Europe/Berlin', 'united kingdom': 'Europe/London', uk: 'Europe/London',
  england: 'Europe/London', scotland: 'Europe/London', ireland: 'Europe/Dublin', spain: 'Europe/Madrid',
  portugal: 'Europe/Lisbon', italy: 'Europe/Rome', netherlands: 'Europe/Amsterdam', belgium: 'Europe/Brussels',
  switzerland: 'Europe/Zurich', austria: 'Europe/Vienna', sweden: 'Europe/Stockholm', finland: 'Europe/Helsinki',
  norway: 'Europe/Oslo', denmark: 'Europe/Copenhagen', greece: 'Europe/Athens', poland: 'Europe/Warsaw',
  hungary: 'Europe/Budapest', 'czech republic': 'Europe/Prague', czechia: 'Europe/Prague',
  croatia: 'Europe/Zagreb', slovenia: 'Europe/Ljubljana', romania: 'Europe/Bucharest', turkey: 'Europe/Istanbul',
  israel: 'Asia/Jerusalem', egypt: 'Africa/Cairo', 'new zealand': 'Pacific/Auckland',
};

/** Longest names first, so 'new delhi' wins over 'delhi' and 'south korea' finds 'korea'. */
const CITY_NAMES = Object.keys(CITIES).sort((a, b) => b.length - a.length);
const COUNTRY_NAMES = Object.keys(COUNTRIES).sort((a, b) => b.length - a.length);

/** Finds `name` in `text` as whole words (case-insensitive). Returns its index or -1. */
function findWord(lower: string, name: string): number {
  let from = 0;
  for (;;) {
    const at = lower.indexOf(name, from);
    if (at < 0) return -1;
    const before = at === 0 ? ' ' : lower[at - 1];
    const after = lower[at + name.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
    from = at + 1;
  }
}

/** The IANA zone of the first known city (else country) named in `text`, or undefined. */
export function timezoneOfPlace(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const name of CITY_NAMES) if (findWord(lower, name) >= 0) return CITIES[name];
  for (const name of COUNTRY_NAMES) if (findWord(lower, name) >= 0) return COUNTRIES[name];
  return undefined;
}

/** Where in `text` a known city is named (for finding the venue in a free-text line), or -1. */
export function indexOfKnownCity(text: string): number {
  const lower = text.toLowerCase();
  let best = -1;
  for (const name of CITY_NAMES) {
    const at = findWord(lower, name);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}
