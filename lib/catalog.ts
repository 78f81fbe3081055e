import type { Currency } from "@/lib/money";

/**
 * The catalog and its prices: server only. The browser sends product ids and quantities; every
 * amount the store charges or verifies comes from here.
 */
export type Localized = { en: string; ko: string };

export type Recurring = { interval: "DAY" | "WEEK" | "MONTH" | "YEAR"; intervalCount: number };

export type Product = {
  id: string;
  name: Localized;
  tagline: Localized;
  description: Localized;
  image: string;
  /** Minor units per currency: KRW for StepPay, USD (cents) for Unifi Pay. */
  prices: Record<Currency, number>;
  kind: "one_time" | "subscription";
  recurring?: Recurring;
};

export const PRODUCTS: readonly Product[] = [
  {
    id: "hanok-mug",
    name: { en: "Hanok Ceramic Mug", ko: "한옥 세라믹 머그" },
    tagline: { en: "Hand-thrown stoneware, 350 ml", ko: "손으로 빚은 석기, 350ml" },
    description: {
      en: "A wheel-thrown stoneware mug glazed in the grey-blue of old hanok roof tiles. Holds 350 ml, keeps coffee warm, and sits well in the hand.",
      ko: "오래된 한옥 기와의 청회색 유약을 입힌 물레 성형 석기 머그입니다. 350ml 용량으로 커피를 따뜻하게 지켜 주고 손에 편안하게 감깁니다.",
    },
    image: "/products/hanok-mug.svg",
    prices: { KRW: 18000, USD: 1350 },
    kind: "one_time",
  },
  {
    id: "jeju-green-tea",
    name: { en: "Jeju Green Tea", ko: "제주 녹차" },
    tagline: { en: "First flush, 50 g tin", ko: "첫물차, 50g 틴" },
    description: {
      en: "First-flush leaves from a volcanic-soil garden on Jeju Island. Grassy, sweet and bright; brew at 70 °C for two minutes.",
      ko: "제주 화산토 다원에서 딴 첫물 찻잎입니다. 풋풋하고 달콤하며 산뜻합니다. 70°C에서 2분간 우려 주세요.",
    },
    image: "/products/jeju-green-tea.svg",
    prices: { KRW: 24000, USD: 1800 },
    kind: "one_time",
  },
  {
    id: "pour-over-kettle",
    name: { en: "Gooseneck Kettle", ko: "구스넥 드립 주전자" },
    tagline: { en: "Brushed steel, 0.9 L", ko: "브러시드 스틸, 0.9L" },
    description: {
      en: "A brushed stainless-steel gooseneck for a slow, steady pour. Works on gas, electric and induction hobs.",
      ko: "느리고 일정한 물줄기를 위한 브러시드 스테인리스 구스넥 주전자입니다. 가스, 전기, 인덕션 모두 사용할 수 있습니다.",
    },
    image: "/products/pour-over-kettle.svg",
    prices: { KRW: 59000, USD: 4400 },
    kind: "one_time",
  },
  {
    id: "single-origin-beans",
    name: { en: "Single-Origin Beans", ko: "싱글 오리진 원두" },
    tagline: { en: "Ethiopia Guji, 250 g", ko: "에티오피아 구지, 250g" },
    description: {
      en: "Washed Ethiopian Guji, roasted light in Seoul every Monday. Notes of jasmine, peach and black tea.",
      ko: "매주 월요일 서울에서 라이트 로스팅한 워시드 에티오피아 구지입니다. 자스민, 복숭아, 홍차의 향미.",
    },
    image: "/products/single-origin-beans.svg",
    prices: { KRW: 21000, USD: 1600 },
    kind: "one_time",
  },
  {
    id: "linen-tote",
    name: { en: "Linen Market Tote", ko: "린넨 마켓 토트" },
    tagline: { en: "Washed linen, natural", ko: "워싱 린넨, 내추럴" },
    description: {
      en: "A roomy tote in heavy washed linen with leather handles, sized for a market run or a laptop.",
      ko: "가죽 손잡이를 단 도톰한 워싱 린넨 토트백입니다. 장보기에도, 노트북 가방으로도 넉넉합니다.",
    },
    image: "/products/linen-tote.svg",
    prices: { KRW: 32000, USD: 2400 },
    kind: "one_time",
  },
  {
    id: "brass-spoon-set",
    name: { en: "Brass Spoon Set", ko: "황동 티스푼 세트" },
    tagline: { en: "Four spoons, hand-finished", ko: "티스푼 4개, 수작업 마감" },
    description: {
      en: "Four solid-brass teaspoons, hand-finished in Euljiro. They darken gently with use.",
      ko: "을지로에서 수작업으로 마감한 통황동 티스푼 4개 세트입니다. 쓸수록 은은하게 깊어집니다.",
    },
    image: "/products/brass-spoon-set.svg",
    prices: { KRW: 27000, USD: 2000 },
    kind: "one_time",
  },
  {
    id: "coffee-box-monthly",
    name: { en: "Monthly Coffee Box", ko: "월간 커피 박스" },
    tagline: { en: "Two fresh roasts every month", ko: "매달 신선한 원두 두 종" },
    description: {
      en: "Two 200 g bags of whatever we are most excited about, roasted the week they ship. Renews monthly; pause or cancel any time.",
      ko: "그달 가장 좋은 원두 200g 두 봉을 출고 주에 로스팅해 보내 드립니다. 매월 갱신되며 언제든 일시정지하거나 해지할 수 있습니다.",
    },
    image: "/products/coffee-box-monthly.svg",
    prices: { KRW: 29000, USD: 2200 },
    kind: "subscription",
    recurring: { interval: "MONTH", intervalCount: 1 },
  },
  {
    id: "tea-club-yearly",
    name: { en: "Tea Club, Yearly", ko: "티 클럽 연간 멤버십" },
    tagline: { en: "A seasonal tea every quarter", ko: "분기마다 제철 차 한 가지" },
    description: {
      en: "Four seasonal teas a year from small Korean gardens, with brewing notes. Billed once a year.",
      ko: "한국의 작은 다원에서 온 제철 차를 일 년에 네 번, 우림 안내와 함께 보내 드립니다. 연 1회 결제됩니다.",
    },
    image: "/products/tea-club-yearly.svg",
    prices: { KRW: 290000, USD: 22000 },
    kind: "subscription",
    recurring: { interval: "YEAR", intervalCount: 1 },
  },
];

const BY_ID = new Map(PRODUCTS.map((product) => [product.id, product]));

export function findProduct(id: string): Product | undefined {
  return BY_ID.get(id);
}

export function productsOfKind(kind: Product["kind"]): Product[] {
  return PRODUCTS.filter((product) => product.kind === kind);
}
