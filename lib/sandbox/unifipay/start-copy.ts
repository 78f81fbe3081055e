/**
 * The start page's words in English and Korean. The language follows the shopper's browser
 * (Accept-Language), and the page offers a switch (?lang=en|ko).
 */
export type StartLocale = "en" | "ko";

const en = {
  sandbox: "SANDBOX · test mode, no real money",
  confirm: "Confirm your payment",
  summary: "Payment summary",
  chargedIn: "Charged in USD",
  merchant: "Merchant (store ID)",
  orderId: "Order ID",
  country: "Country",
  approve: "Approve payment",
  decline: "Decline payment",
  cancel: "Cancel",
  processing: "Processing…",
  approvedTitle: "Payment approved",
  approvedDetail: "Your payment went through.",
  declinedTitle: "Payment declined",
  declinedDetail: "No money was taken.",
  canceledTitle: "Payment canceled",
  canceledDetail: "You canceled this payment. No money was taken.",
  refundedTitle: "Payment refunded",
  refundedDetail: "The merchant refunded this payment in full.",
  returnToMerchant: "Return to merchant",
  transaction: "Transaction",
  emulated: "Emulated by this demo's sandbox; the real page is LINE NEXT's.",
  language: "Language",
};

const ko: typeof en = {
  sandbox: "샌드박스 · 테스트 모드, 실제 결제 아님",
  confirm: "결제를 확인해 주세요",
  summary: "결제 요약",
  chargedIn: "미국 달러(USD)로 결제",
  merchant: "가맹점 (스토어 ID)",
  orderId: "주문 번호",
  country: "국가",
  approve: "결제 승인",
  decline: "결제 거절",
  cancel: "취소",
  processing: "처리 중…",
  approvedTitle: "결제가 승인되었습니다",
  approvedDetail: "결제가 완료되었습니다.",
  declinedTitle: "결제가 거절되었습니다",
  declinedDetail: "청구된 금액이 없습니다.",
  canceledTitle: "결제가 취소되었습니다",
  canceledDetail: "결제를 취소하셨습니다. 청구된 금액이 없습니다.",
  refundedTitle: "결제가 환불되었습니다",
  refundedDetail: "가맹점에서 이 결제를 전액 환불했습니다.",
  returnToMerchant: "가맹점으로 돌아가기",
  transaction: "거래",
  emulated: "이 데모의 샌드박스가 흉내 낸 화면입니다. 실제 화면은 LINE NEXT가 제공합니다.",
  language: "언어",
};

export type StartCopy = typeof en;

export function startCopy(locale: StartLocale): StartCopy {
  return locale === "ko" ? ko : en;
}

/** ?lang= wins; otherwise the first of ko/en in Accept-Language; English by default. */
export function startLocale(langParam: string | undefined, acceptLanguage: string | null): StartLocale {
  if (langParam === "ko" || langParam === "en") return langParam;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === "ko" || tag === "en") return tag;
  }
  return "en";
}
