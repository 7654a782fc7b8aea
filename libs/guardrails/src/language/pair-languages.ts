/**
 * The languages a bilingual post can pair (ISO 639-1 codes, or 639-3 where a language has no two-letter code),
 * with their names in English for sentences ("Held because the Welsh half failed…") and in the language itself
 * for the composer. The UK's own languages come first; the rest are those councils and health boards most
 * often publish in beside English.
 */
export interface PairLanguage {
  code: string;
  name: string;
  /** The language's name for itself, for the `lang`-tagged label beside the English one. */
  nativeName: string;
}

export const PAIR_LANGUAGES: readonly PairLanguage[] = [
  { code: 'cy', name: 'Welsh', nativeName: 'Cymraeg' },
  { code: 'en', name: 'English', nativeName: 'English' },
  { code: 'gd', name: 'Scottish Gaelic', nativeName: 'Gàidhlig' },
  { code: 'ga', name: 'Irish', nativeName: 'Gaeilge' },
  { code: 'kw', name: 'Cornish', nativeName: 'Kernewek' },
  { code: 'gv', name: 'Manx', nativeName: 'Gaelg' },
  { code: 'sco', name: 'Scots', nativeName: 'Scots' },
  { code: 'pl', name: 'Polish', nativeName: 'Polski' },
  { code: 'ro', name: 'Romanian', nativeName: 'Română' },
  { code: 'pa', name: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ' },
  { code: 'ur', name: 'Urdu', nativeName: 'اردو' },
  { code: 'bn', name: 'Bengali', nativeName: 'বাংলা' },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية' },
  { code: 'so', name: 'Somali', nativeName: 'Soomaali' },
  { code: 'uk', name: 'Ukrainian', nativeName: 'Українська' },
  { code: 'fr', name: 'French', nativeName: 'Français' },
  { code: 'es', name: 'Spanish', nativeName: 'Español' },
  { code: 'pt', name: 'Portuguese', nativeName: 'Português' },
];

const BY_CODE = new Map(PAIR_LANGUAGES.map((language) => [language.code, language]));

export function isPairLanguage(code: string): boolean {
  return BY_CODE.has(code);
}

/** "Welsh"; the code itself for one not listed (an old row), never an exception. */
export function languageName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** "Welsh and English". */
export function pairName(languages: readonly string[]): string {
  return languages.map(languageName).join(' and ');
}
