/** Countries offered at checkout, by ISO 3166-1 alpha-3 code (Unifi Pay's countryCode). */
export const COUNTRIES = [
  { code: "KOR", en: "South Korea", ko: "대한민국" },
  { code: "USA", en: "United States", ko: "미국" },
  { code: "JPN", en: "Japan", ko: "일본" },
  { code: "TWN", en: "Taiwan", ko: "대만" },
  { code: "THA", en: "Thailand", ko: "태국" },
  { code: "SGP", en: "Singapore", ko: "싱가포르" },
  { code: "VNM", en: "Vietnam", ko: "베트남" },
  { code: "IDN", en: "Indonesia", ko: "인도네시아" },
  { code: "PHL", en: "Philippines", ko: "필리핀" },
  { code: "AUS", en: "Australia", ko: "호주" },
  { code: "CAN", en: "Canada", ko: "캐나다" },
  { code: "GBR", en: "United Kingdom", ko: "영국" },
  { code: "DEU", en: "Germany", ko: "독일" },
  { code: "FRA", en: "France", ko: "프랑스" },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]["code"];
const CODES = new Set<string>(COUNTRIES.map((country) => country.code));
export function isKnownCountry(code: string): code is CountryCode {
  return CODES.has(code);
}
