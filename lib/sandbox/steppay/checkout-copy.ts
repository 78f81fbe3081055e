import type { CardField, CheckoutLang } from "./test-cards";

/**
 * The hosted payment page's words, in the two languages StepPay's `lang` parameter selects.
 * Pure data: the page (a server component) and its small client components both read it.
 *
 * In Korean the form controls and buttons keep their English name next to the Korean one
 * ("카드 번호 Card number"), so tests and assistive tech find them by one stable name in both
 * languages; the pay button's name always starts with "Pay".
 */
type Copy = {
  htmlLang: string;
  locale: string;
  pageTitle: string;
  merchant: string;
  orderSummary: string;
  orderCode: string;
  quantity: (n: number) => string;
  billed: (interval: "DAY" | "WEEK" | "MONTH" | "YEAR", count: number) => string;
  total: string;
  cardDetails: string;
  cardNumber: string;
  expiry: string;
  cvc: string;
  cardHolder: string;
  payCaption: string | null;
  processing: string;
  cancel: string;
  testCards: string;
  testCardsHint: string;
  testCardOutcome: Record<"Approved" | "Declined" | "Error", string>;
  fieldErrors: Record<CardField, string>;
  formErrorSummary: string;
  previousFailure: string;
  paidTitle: string;
  paidBody: string;
  continue: string;
  closedTitle: string;
  closedBody: Record<"cancelled" | "refunded" | "deadline", string>;
  returnToStore: string;
  footer: string;
};

const en: Copy = {
  htmlLang: "en",
  locale: "en-US",
  pageTitle: "Payment",
  merchant: "Merchant",
  orderSummary: "Order summary",
  orderCode: "Order",
  quantity: (n) => `× ${n}`,
  billed: (interval, count) => {
    const unit = { DAY: "day", WEEK: "week", MONTH: "month", YEAR: "year" }[interval];
    return count === 1 ? `Billed every ${unit}` : `Billed every ${count} ${unit}s`;
  },
  total: "Total",
  cardDetails: "Card details",
  cardNumber: "Card number",
  expiry: "Expiry (MM/YY)",
  cvc: "CVC",
  cardHolder: "Name on card",
  payCaption: null,
  processing: "Processing…",
  cancel: "Cancel payment",
  testCards: "Test cards",
  testCardsHint: "Sandbox only. Any future expiry, any 3-digit CVC.",
  testCardOutcome: { Approved: "Approved", Declined: "Declined", Error: "Error" },
  fieldErrors: {
    cardNumber: "This card number is not valid. Check the digits.",
    expiry: "Enter a future expiry date as MM/YY.",
    cvc: "The CVC is 3 or 4 digits.",
    cardHolder: "Enter the name printed on the card.",
  },
  formErrorSummary: "Please correct the highlighted fields. Nothing was charged.",
  previousFailure: "Your previous payment attempt failed",
  paidTitle: "This order is already paid",
  paidBody: "Nothing more to pay. Continue to the store to see your order.",
  continue: "Continue",
  closedTitle: "This order can no longer be paid",
  closedBody: {
    cancelled: "The order was cancelled.",
    refunded: "The order was refunded.",
    deadline: "The payment deadline for this order has passed.",
  },
  returnToStore: "Return to the store",
  footer: "Payments processed by StepPay",
};

const ko: Copy = {
  htmlLang: "ko",
  locale: "ko-KR",
  pageTitle: "결제",
  merchant: "가맹점",
  orderSummary: "주문 내역",
  orderCode: "주문",
  quantity: (n) => `${n}개`,
  billed: (interval, count) => {
    if (count === 1) return { DAY: "매일 결제", WEEK: "매주 결제", MONTH: "매월 결제", YEAR: "매년 결제" }[interval];
    return `${count}${{ DAY: "일", WEEK: "주", MONTH: "개월", YEAR: "년" }[interval]}마다 결제`;
  },
  total: "총 결제 금액",
  cardDetails: "카드 정보",
  cardNumber: "카드 번호",
  expiry: "유효기간",
  cvc: "CVC",
  cardHolder: "카드 소유자 이름",
  payCaption: "결제하기",
  processing: "처리 중…",
  cancel: "결제 취소",
  testCards: "테스트 카드",
  testCardsHint: "샌드박스 전용입니다. 유효기간은 미래 날짜, CVC는 아무 3자리나 입력하세요.",
  testCardOutcome: { Approved: "승인", Declined: "거절", Error: "오류" },
  fieldErrors: {
    cardNumber: "카드 번호가 올바르지 않습니다. 번호를 확인해 주세요.",
    expiry: "유효기간을 MM/YY 형식의 미래 날짜로 입력해 주세요.",
    cvc: "CVC는 3~4자리 숫자입니다.",
    cardHolder: "카드에 적힌 이름을 입력해 주세요.",
  },
  formErrorSummary: "표시된 항목을 확인해 주세요. 결제는 진행되지 않았습니다.",
  previousFailure: "이전 결제 시도가 실패했습니다",
  paidTitle: "이미 결제가 완료된 주문입니다",
  paidBody: "더 결제할 금액이 없습니다. 상점으로 돌아가 주문을 확인하세요.",
  continue: "계속",
  closedTitle: "더 이상 결제할 수 없는 주문입니다",
  closedBody: {
    cancelled: "취소된 주문입니다.",
    refunded: "환불된 주문입니다.",
    deadline: "이 주문의 결제 기한이 지났습니다.",
  },
  returnToStore: "상점으로 돌아가기",
  footer: "StepPay 결제 서비스",
};

export const CHECKOUT_COPY: Record<CheckoutLang, Copy> = { en, ko };

/** The English names that label the controls in both languages (see the module comment). */
export const CONTROL_NAMES = {
  cardNumber: en.cardNumber,
  expiry: en.expiry,
  cvc: en.cvc,
  cardHolder: en.cardHolder,
  cancel: en.cancel,
  processing: en.processing,
  continue: en.continue,
  returnToStore: en.returnToStore,
} as const;

/** The shopper's language from StepPay's `lang` parameter: "en", otherwise Korean (StepPay's default). */
export function checkoutLang(value: string | null | undefined): CheckoutLang {
  return value?.trim().toLowerCase().startsWith("en") ? "en" : "ko";
}

export function formatKrw(amount: number, lang: CheckoutLang): string {
  return new Intl.NumberFormat(CHECKOUT_COPY[lang].locale, { style: "currency", currency: "KRW" }).format(amount);
}
