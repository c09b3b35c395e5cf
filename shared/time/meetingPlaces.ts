/**
 * Where standards meetings are held (3GPP, ETSI, oneM2M, IETF), and their IANA time zones: enough to give an
 * imported meeting its venue's `meta.timezone`. Cities first, then countries with one zone (or the zone most
 * meetings there use); countries spanning several zones (USA, Canada, Australia ...) are not guessed. Anything
 * not listed gives undefined: the importer leaves 'UTC' and asks the secretary, in a warning, to set it.
 *
 * Also: which zone names a meeting may carry (IANA names the runtime knows, plus 'UTC').
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
  // More places where 3GPP, ETSI, oneM2M and IETF have met.
  baltimore: 'America/New_York', philadelphia: 'America/New_York', pittsburgh: 'America/New_York',
  'montréal': 'America/Toronto', 'quebec city': 'America/Toronto', 'québec': 'America/Toronto',
  'san antonio': 'America/Chicago', austin: 'America/Chicago', minneapolis: 'America/Chicago',
  'palm springs': 'America/Los_Angeles', spokane: 'America/Los_Angeles', portland: 'America/Los_Angeles',
  honolulu: 'Pacific/Honolulu', 'buenos aires': 'America/Argentina/Buenos_Aires', 'rio de janeiro': 'America/Sao_Paulo',
  cancun: 'America/Cancun', 'cancún': 'America/Cancun', 'los cabos': 'America/Mazatlan',
  kumkang: 'Asia/Seoul', gyeongju: 'Asia/Seoul', hiroshima: 'Asia/Tokyo', sendai: 'Asia/Tokyo', kobe: 'Asia/Tokyo',
  hefei: 'Asia/Shanghai', chongqing: 'Asia/Shanghai', zhuhai: 'Asia/Shanghai', dalian: 'Asia/Shanghai',
  suzhou: 'Asia/Shanghai', ningbo: 'Asia/Shanghai', kunming: 'Asia/Shanghai', haikou: 'Asia/Shanghai',
  kaohsiung: 'Asia/Taipei', hsinchu: 'Asia/Taipei', hanoi: 'Asia/Ho_Chi_Minh', 'ho chi minh city': 'Asia/Ho_Chi_Minh',
  pattaya: 'Asia/Bangkok', phuket: 'Asia/Bangkok', kochi: 'Asia/Kolkata', jaipur: 'Asia/Kolkata', pune: 'Asia/Kolkata',
  maastricht: 'Europe/Amsterdam', eindhoven: 'Europe/Amsterdam', rotterdam: 'Europe/Amsterdam', ghent: 'Europe/Brussels',
  toulouse: 'Europe/Paris', bordeaux: 'Europe/Paris', rennes: 'Europe/Paris', montpellier: 'Europe/Paris', biarritz: 'Europe/Paris',
  dubrovnik: 'Europe/Zagreb', zagreb: 'Europe/Zagreb', ljubljana: 'Europe/Ljubljana',
  'portorož': 'Europe/Ljubljana', portoroz: 'Europe/Ljubljana', belgrade: 'Europe/Belgrade', bratislava: 'Europe/Bratislava',
  valencia: 'Europe/Madrid', bilbao: 'Europe/Madrid', 'palma': 'Europe/Madrid', tenerife: 'Atlantic/Canary',
  'las palmas': 'Atlantic/Canary', 'gran canaria': 'Atlantic/Canary', funchal: 'Atlantic/Madeira', madeira: 'Atlantic/Madeira',
  florence: 'Europe/Rome', bologna: 'Europe/Rome', naples: 'Europe/Rome', palermo: 'Europe/Rome', sorrento: 'Europe/Rome',
  malta: 'Europe/Malta', "st julian's": 'Europe/Malta', valletta: 'Europe/Malta', nicosia: 'Asia/Nicosia', limassol: 'Asia/Nicosia',
  heraklion: 'Europe/Athens', crete: 'Europe/Athens', rhodes: 'Europe/Athens', thessaloniki: 'Europe/Athens',
  vilnius: 'Europe/Vilnius', kista: 'Europe/Stockholm', espoo: 'Europe/Helsinki', tampere: 'Europe/Helsinki', oulu: 'Europe/Helsinki',
  aalborg: 'Europe/Copenhagen', bergen: 'Europe/Oslo', reykjavik: 'Atlantic/Reykjavik', salzburg: 'Europe/Vienna',
  innsbruck: 'Europe/Vienna', nuremberg: 'Europe/Berlin', 'nürnberg': 'Europe/Berlin',
  'düsseldorf': 'Europe/Berlin', dusseldorf: 'Europe/Berlin', bonn: 'Europe/Berlin', leipzig: 'Europe/Berlin',
  cambridge: 'Europe/London', belfast: 'Europe/London', bristol: 'Europe/London',
  'antalya': 'Europe/Istanbul', riyadh: 'Asia/Riyadh', jeddah: 'Asia/Riyadh', muscat: 'Asia/Muscat', cairo: 'Africa/Cairo',
  'sharm el sheikh': 'Africa/Cairo', marrakech: 'Africa/Casablanca', nairobi: 'Africa/Nairobi', adelaide: 'Australia/Adelaide',
  perth: 'Australia/Perth', 'gold coast': 'Australia/Brisbane', 'hong kong sar': 'Asia/Hong_Kong',
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
  'south korea': 'Asia/Seoul', 'republic of korea': 'Asia/Seoul', netherland: 'Europe/Amsterdam', 'the netherlands': 'Europe/Amsterdam',
  holland: 'Europe/Amsterdam', luxembourg: 'Europe/Luxembourg', malta: 'Europe/Malta', cyprus: 'Asia/Nicosia',
  estonia: 'Europe/Tallinn', latvia: 'Europe/Riga', lithuania: 'Europe/Vilnius', serbia: 'Europe/Belgrade',
  slovakia: 'Europe/Bratislava', bulgaria: 'Europe/Sofia', iceland: 'Atlantic/Reykjavik', singapore: 'Asia/Singapore',
  'hong kong': 'Asia/Hong_Kong', philippines: 'Asia/Manila', 'united arab emirates': 'Asia/Dubai', uae: 'Asia/Dubai',
  qatar: 'Asia/Qatar', 'saudi arabia': 'Asia/Riyadh', oman: 'Asia/Muscat', morocco: 'Africa/Casablanca',
  kenya: 'Africa/Nairobi', 'south africa': 'Africa/Johannesburg', argentina: 'America/Argentina/Buenos_Aires',
};

/** The table itself (read-only), for tests and tools. */
export const MEETING_PLACES: { readonly cities: Readonly<Record<string, string>>; readonly countries: Readonly<Record<string, string>> } = Object.freeze({
  cities: Object.freeze({ ...CITIES }),
  countries: Object.freeze({ ...COUNTRIES }),
});

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

/** The zone names the runtime knows (`Intl.supportedValuesOf('timeZone')`) plus 'UTC', sorted; cached. */
let zoneList: string[] | null = null;
let zoneSet: Set<string> | null = null;
export function timeZoneNames(): string[] {
  if (!zoneList) {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    const listed = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
    zoneList = [...new Set(['UTC', ...listed])].sort();
    zoneSet = new Set(zoneList);
  }
  return zoneList;
}

/**
 * True for 'UTC' and the IANA zones of `Intl.supportedValuesOf('timeZone')`, also under a name the runtime
 * lists by another spelling (Node 20 lists 'Asia/Calcutta', browsers 'Asia/Kolkata': both are accepted).
 * 'Baltimore', 'GMT+2', 'asia/seoul' and '' are not zones a meeting can carry.
 */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.length > 64) return false;
  timeZoneNames();
  if (zoneSet!.has(zone)) return true;
  if (!/^[A-Z][A-Za-z_+-]*(?:\/[A-Z][A-Za-z0-9_+-]*){1,2}$/.test(zone)) return false;
  try {
    return zoneSet!.has(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

/** A venue line that names no place because the meeting is held online ('e-meeting', 'electronic meeting', 'virtual'). */
export function isOnlineVenue(text: string): boolean {
  return /\b(e-?meeting|electronic(?: meeting)?|virtual|online|remote|teleconference|conference call|web ?ex|zoom)\b/i.test(text);
}
