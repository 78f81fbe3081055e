import { LATE_CALLBACK_DELAY_MS, SLOW_PAGE_DELAY_MS, WEBHOOK_SHUFFLE_MS, type ScenarioKey } from "@/lib/sandbox/scenarios/scenario-catalog";

/**
 * The sandbox control panel's words in English and Korean: the page, its demo scenarios, the
 * notices its control endpoints answer with, and what a scenario run observed. The language
 * follows the presenter's browser (Accept-Language), and the panel offers a switch (?lang=en|ko).
 *
 * What the panel shows as data stays as the APIs say it (StepPay's subscription statuses, event
 * names, the store's order status): those are the words a merchant will meet in the real APIs.
 * Brand names (StepPay, Unifi Pay) are not translated.
 */
export type PanelLocale = "en" | "ko";

/** What a scenario run observed, stored as data so the panel can say it in either language. */
export type RunDetail =
  | { kind: "approvePaid" }
  | { kind: "approveUnexpected"; status: string }
  | { kind: "declinePassed" }
  | { kind: "declineUnexpected"; reported: string }
  | { kind: "cancelPassed" }
  | { kind: "cancelUnexpected"; status: string }
  | { kind: "slowPageArmed"; delayMs: number }
  | { kind: "lateCallbackWaiting"; status: string; delayMs: number }
  | { kind: "lateCallbackStillPending"; first: string; timeoutMs: number }
  | { kind: "lateCallbackSettled"; first: string; final: string; afterMs: number; via: string[] }
  | { kind: "webhooksOnTheirWay" }
  | { kind: "webhooksSettled"; payments: number; duplicates: number; shuffled: boolean; transitions: number; via: string[] }
  | { kind: "tamperedRefused"; orderCode: string }
  | { kind: "tamperedAccepted"; status: string }
  | { kind: "couldNotFinish"; reason: string }
  | { kind: "interrupted" }
  | { kind: "lapsed"; minutes: number };

/** DAY | WEEK | MONTH | YEAR, as StepPay's plans and the sandbox clock name them. */
type Interval = string;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

const en = {
  htmlLang: "en",
  title: "Sandbox control panel",
  testMode: "· test mode",
  noRealMoney: "Test mode · no real money",
  language: "Language",
  dismiss: "Dismiss",
  messages: "Sandbox messages (Alt+T)",

  scenarios: {
    heading: "Demo scenarios",
    intro:
      "Each button plays a shopper against the store over HTTP, as a browser would, then checks what the store reports. Open an order in the store to see its integration inspector explain what crossed the wire.",
    list: "Scenarios",
    expect: "expect",
    wingOff: (provider: string) => `(The ${provider} sandbox is off.)`,
    recentRuns: "Recent runs",
    noRuns: "No scenario runs yet.",
    columns: { run: "Run", scenario: "Scenario", expected: "Expected", storeReports: "Store reports", result: "Result", order: "Order" },
    asExpected: "as expected",
    notAsExpected: "not as expected",
    waiting: "Waiting for the payment page to be opened",
    running: "Running…",
    openOrder: "Open order in the store",
    reset: "Reset demo data",
    resetWarning:
      "Clear every order, payment, subscription and webhook in the store and in both sandboxes, and put the sandbox settings back to their defaults?",
    resetConfirm: "Yes, clear everything",
    resetKeep: "Keep the data",
  },

  scenario: {
    approve: { title: "Approve", expected: "paid", description: "The shopper pays with the approved test card and returns to the store." },
    decline: {
      title: "Decline with a named reason",
      expected: "failed: CARD_DECLINED, “insufficient limit”",
      description: "Test card 4000 0000 0000 0002: the store shows the issuer's reason.",
    },
    cancel: { title: "Shopper cancels", expected: "canceled", description: "The shopper presses “Cancel payment” on the hosted page." },
    "slow-page": {
      title: "Payment page slow to load",
      expected: `payment page opens ${SLOW_PAGE_DELAY_MS / 1000} s late`,
      description: `Creates an order whose StepPay page will take ${SLOW_PAGE_DELAY_MS / 1000} s to load once: open it in the store and press Pay to see “Opening payment page…”.`,
    },
    "late-callback": {
      title: "Callback late",
      expected: "pending, then paid",
      description: `The shopper approves and never returns; the callback comes ${LATE_CALLBACK_DELAY_MS / 1000} s later.`,
    },
    "duplicate-webhooks": {
      title: "Webhook twice / out of order",
      expected: "paid exactly once",
      description: `The shopper pays and never returns; every webhook arrives twice, shuffled by up to ${WEBHOOK_SHUFFLE_MS} ms.`,
    },
    "tampered-return": {
      title: "Tampered return URL",
      expected: "still pending (return refused)",
      description: "Nobody pays, yet the store's success URL is called with status=success and the real order code.",
    },
  } satisfies Record<ScenarioKey, { title: string; expected: string; description: string }>,

  runDetail(detail: RunDetail): string {
    const via = (sources: string[]) => (sources.length ? sources.join(", ") : "nobody");
    switch (detail.kind) {
      case "approvePaid":
        return "Paid with the approved test card; the store asked StepPay and checked the amount before showing it paid.";
      case "approveUnexpected":
        return `The shopper paid with the approved card, but the store says ${detail.status}.`;
      case "declinePassed":
        return "Declined by the card issuer; the store shows StepPay's own code and reason.";
      case "declineUnexpected":
        return `Expected failed with CARD_DECLINED “insufficient limit”; the store says ${detail.reported}.`;
      case "cancelPassed":
        return "The shopper left the payment page; nothing was charged and the order can be paid again.";
      case "cancelUnexpected":
        return `The shopper cancelled, but the store says ${detail.status}.`;
      case "slowPageArmed":
        return `Armed: open the order in the store and press Pay; its payment page will take ${seconds(detail.delayMs)} to load, once.`;
      case "lateCallbackWaiting":
        return `Approved; the store says ${detail.status} and the callback is ${seconds(detail.delayMs)} away…`;
      case "lateCallbackStillPending":
        return `Right after approval the store said ${detail.first}; still pending after ${seconds(detail.timeoutMs)}.`;
      case "lateCallbackSettled":
        return `Right after approval the store said ${detail.first}; ${detail.final} ${seconds(detail.afterMs)} later (via ${via(detail.via)}).`;
      case "webhooksOnTheirWay":
        return "Paid; the browser never came back. Webhooks are on their way, twice each…";
      case "webhooksSettled":
        return (
          `${detail.payments} payment webhook(s) plus ${detail.duplicates} duplicate(s) delivered, ${detail.shuffled ? "out of order" : "in order this time"}; ` +
          `the store moved to paid ${detail.transitions === 1 ? "exactly once" : `${detail.transitions} times`} (via ${via(detail.via)}).`
        );
      case "tamperedRefused":
        return `The store was told status=success for ${detail.orderCode}, asked StepPay, found no payment, and kept the order pending.`;
      case "tamperedAccepted":
        return `The forged return moved the order to ${detail.status}.`;
      case "couldNotFinish":
        return `The run could not finish: ${detail.reason}`;
      case "interrupted":
        return "Interrupted: the server stopped before the run finished.";
      case "lapsed":
        return `Nobody opened the payment page within ${detail.minutes} minutes; the delay lapsed.`;
    }
  },

  clock: {
    heading: "Sandbox clock",
    realTime: "Running on real time.",
    offset: (days: number) => `${days >= 0 ? "+" : ""}${days} day${Math.abs(days) === 1 ? "" : "s"} from real time.`,
    hint: "StepPay subscription dates, renewals and retries follow this clock; webhook timestamps stay on real time.",
    advanceMonth: "Advance one month",
    advanceDay: "Advance one day",
    reset: "Reset clock",
  },

  subscriptions: {
    heading: "StepPay subscriptions",
    hint: "Renewals are charged on the next payment date by the scheduler, or now with “Renew now”.",
    none: "No subscriptions yet. Buy a subscription product in the store with StepPay.",
    caption: "StepPay subscriptions, newest first",
    columns: { subscription: "Subscription", customer: "Customer", plan: "Plan", status: "Status", nextPayment: "Next payment", history: "Renewal history", actions: "Actions" },
    timesPaid: (count: number) => `${count}× paid`,
    every: (interval: Interval, count: number) => {
      const unit = interval.toLowerCase();
      return count > 1 ? `every ${count} ${unit}s` : `every ${unit}`;
    },
    nextDeclined: "Next renewal will be declined",
    failedCharges: (count: number) => `${count} failed charge(s); retrying`,
    ends: "ends",
    firstPayment: "first payment",
    renewal: "renewal",
    declined: "declined",
    renewNow: "Renew now",
    failNext: "Fail next renewal",
  },

  webhooks: {
    heading: "Recent webhook deliveries",
    hint: "StepPay → the store's webhook URL. Retried after a non-2xx; may arrive twice or out of order.",
    none: "No webhooks sent yet.",
    caption: "StepPay webhook deliveries, newest first",
    columns: { time: "Time", event: "Event", format: "Format", status: "Status", attempts: "Attempts", actions: "Actions" },
    order: (id: string | number) => `order #${id}`,
    subscription: (id: string | number) => `subscription #${id}`,
    duplicateOf: (id: string | number) => `duplicate of ${id}`,
    replayOf: (id: string | number) => `replay of ${id}`,
    replay: "Replay",
  },

  deliveryState: { delivered: "delivered", pending: "pending", gave_up: "gave up" } as Record<string, string>,

  settings: {
    heading: "Webhook settings",
    format: "Webhook format",
    both: "v2 and v1",
    duplicateRate: "Duplicate rate (0 to 1)",
    shuffle: "Shuffle delay (ms)",
    url: "Webhook URL",
    keys: "Extra signing keys (one per line)",
    keysHint: "Each key adds a signature to Steppay-Signature (key rotation). The demo key always signs.",
    save: "Save webhook settings",
  },

  faults: {
    heading: "Fault switches",
    hint: "Make a provider's API misbehave for the store's reliability tests. Only API requests are affected, never the hosted payment pages or this panel.",
    api: (label: string) => `${label} API`,
    none: "No fault: answering normally.",
    armed: (mode: string, count: number | null, delayMs: number | null, paths: string | null) =>
      `Armed: ${mode}${count !== null ? `, ${count} request(s) left` : ", until reset"}${delayMs !== null ? `, ${delayMs} ms` : ""}${paths ? `, paths containing “${paths}”` : ""}.`,
    mode: (label: string) => `${label} fault mode`,
    count: "Requests to affect",
    untilReset: "until reset",
    delay: "Delay (ms, timeout and slow)",
    paths: "Only paths containing",
    set: (label: string) => `Set ${label} fault`,
    reset: (label: string) => `Reset ${label} fault`,
  },

  callbacks: {
    heading: "Unifi Pay callback deliveries",
    hint: "Unifi Pay → the store's callbackUrl, after each decision on its start page.",
    none: "No callbacks sent yet.",
    caption: "Unifi Pay callback deliveries, newest first",
    columns: { time: "Time", transaction: "Transaction", paymentStatus: "Payment status", delivery: "Delivery", attempts: "Attempts" },
    order: (id: string) => `order ${id}`,
    duplicateOf: (id: string | number) => `duplicate of ${id}`,
  },

  /** The one-line answers of the control endpoints, shown at the top of the panel after a form post. */
  notice: {
    faultReset: (label: string) => `${label} fault switch reset`,
    faultArmed: (label: string, mode: string, count: number | null) => `${label} fault armed: ${mode}${count ? ` for ${count} request(s)` : ""}`,
    renewed: (subscriptionId: number, orderCode: string) => `Subscription ${subscriptionId} renewed: order ${orderCode} paid`,
    renewalFailed: (subscriptionId: number, orderCode: string, status: string) =>
      `Subscription ${subscriptionId}: the renewal payment failed (order ${orderCode}); the subscription is ${status}`,
    failNext: (subscriptionId: number, count: number) =>
      `Subscription ${subscriptionId}: the next ${count === 1 ? "renewal" : `${count} renewal charges`} will be declined`,
    clockAdvanced: (count: number, interval: Interval, renewals: number, failed: number, transitions: number) =>
      `Clock advanced by ${count} ${interval.toLowerCase()}${count > 1 ? "s" : ""}: ${renewals} renewal(s) paid, ${failed} failed, ${transitions} scheduled change(s) applied`,
    clockReset: "Clock reset to real time",
    replayed: (deliveryId: string | number, newId: string | number, answer: string) => `Replayed delivery ${deliveryId} as ${newId}: ${answer}`,
    noAnswer: "no answer",
    settingsSaved: (format: string, duplicatePercent: number) => `Webhook settings saved: format ${format}, duplicates ${duplicatePercent}%`,
    runStarted: (title: string, runId: number) => `${title}: run #${runId} started`,
    demoCleared: (storeOrders: number, steppayOrders: number, unifiPayments: number, runs: number) =>
      `Demo data cleared: ${storeOrders} store order(s), ${steppayOrders} StepPay order(s), ${unifiPayments} Unifi Pay payment(s) and ${runs} scenario run(s); sandbox settings are back to their defaults`,
    sandboxFailed: (what: string) => `The sandbox failed to ${what}`,
    runWhat: (title: string) => `run the scenario “${title}”`,
    resetWhat: "reset the demo data",
  },
};

export type PanelCopy = typeof en;

const ko: PanelCopy = {
  htmlLang: "ko",
  title: "샌드박스 제어판",
  testMode: "· 테스트 모드",
  noRealMoney: "테스트 모드 · 실제 결제 아님",
  language: "언어",
  dismiss: "닫기",
  messages: "샌드박스 알림 (Alt+T)",

  scenarios: {
    heading: "데모 시나리오",
    intro:
      "각 버튼은 브라우저처럼 HTTP로 상점에서 쇼핑객 역할을 한 뒤, 상점이 보고하는 내용을 확인합니다. 상점에서 주문을 열면 연동 인스펙터가 오간 요청을 설명해 줍니다.",
    list: "시나리오",
    expect: "예상 결과",
    wingOff: (provider) => `(${provider} 샌드박스가 꺼져 있습니다.)`,
    recentRuns: "최근 실행",
    noRuns: "아직 실행한 시나리오가 없습니다.",
    columns: { run: "실행", scenario: "시나리오", expected: "예상", storeReports: "상점 응답", result: "결과", order: "주문" },
    asExpected: "예상대로",
    notAsExpected: "예상과 다름",
    waiting: "결제창이 열리기를 기다리는 중",
    running: "실행 중…",
    openOrder: "상점에서 주문 열기",
    reset: "데모 데이터 초기화",
    resetWarning: "상점과 두 샌드박스의 모든 주문, 결제, 구독, 웹훅을 지우고 샌드박스 설정을 기본값으로 되돌릴까요?",
    resetConfirm: "네, 모두 지웁니다",
    resetKeep: "데이터 유지",
  },

  scenario: {
    approve: { title: "결제 승인", expected: "결제 완료 (paid)", description: "쇼핑객이 승인 테스트 카드로 결제하고 상점으로 돌아옵니다." },
    decline: {
      title: "사유와 함께 결제 거절",
      expected: "실패 (failed): CARD_DECLINED, “insufficient limit”",
      description: "테스트 카드 4000 0000 0000 0002: 상점이 카드사의 거절 사유를 보여 줍니다.",
    },
    cancel: { title: "쇼핑객이 결제 취소", expected: "취소됨 (canceled)", description: "쇼핑객이 결제창에서 “결제 취소”를 누릅니다." },
    "slow-page": {
      title: "결제창 로딩 지연",
      expected: `결제창이 ${SLOW_PAGE_DELAY_MS / 1000}초 늦게 열림`,
      description: `StepPay 결제창이 한 번 ${SLOW_PAGE_DELAY_MS / 1000}초 늦게 열리는 주문을 만듭니다. 상점에서 주문을 열고 결제를 누르면 “결제창 여는 중…”이 보입니다.`,
    },
    "late-callback": {
      title: "콜백 지연",
      expected: "대기 중 (pending), 이후 결제 완료 (paid)",
      description: `쇼핑객이 승인하고 돌아오지 않습니다. 콜백은 ${LATE_CALLBACK_DELAY_MS / 1000}초 뒤에 도착합니다.`,
    },
    "duplicate-webhooks": {
      title: "웹훅 중복 / 순서 뒤바뀜",
      expected: "정확히 한 번 결제 완료 (paid)",
      description: `쇼핑객이 결제하고 돌아오지 않습니다. 모든 웹훅이 두 번씩, 최대 ${WEBHOOK_SHUFFLE_MS}ms 순서가 섞여 도착합니다.`,
    },
    "tampered-return": {
      title: "변조된 리턴 URL",
      expected: "계속 대기 중 (pending, 리턴 거부)",
      description: "아무도 결제하지 않았는데 상점의 성공 URL이 status=success와 실제 주문 코드로 호출됩니다.",
    },
  },

  runDetail(detail) {
    const via = (sources: string[]) => (sources.length ? sources.map((source) => SOURCE_KO[source] ?? source).join(", ") : "없음");
    switch (detail.kind) {
      case "approvePaid":
        return "승인 테스트 카드로 결제했습니다. 상점은 StepPay에 확인하고 금액을 대조한 뒤에야 결제 완료로 표시했습니다.";
      case "approveUnexpected":
        return `쇼핑객이 승인 카드로 결제했지만 상점은 ${detail.status} 상태라고 합니다.`;
      case "declinePassed":
        return "카드사가 거절했습니다. 상점은 StepPay가 보낸 코드와 사유를 그대로 보여 줍니다.";
      case "declineUnexpected":
        return `CARD_DECLINED “insufficient limit” 실패를 예상했지만 상점은 ${detail.reported} 상태라고 합니다.`;
      case "cancelPassed":
        return "쇼핑객이 결제창을 떠났습니다. 청구된 금액은 없고 주문은 다시 결제할 수 있습니다.";
      case "cancelUnexpected":
        return `쇼핑객이 취소했지만 상점은 ${detail.status} 상태라고 합니다.`;
      case "slowPageArmed":
        return `준비 완료: 상점에서 주문을 열고 결제를 누르세요. 결제창이 한 번 ${seconds(detail.delayMs)} 늦게 열립니다.`;
      case "lateCallbackWaiting":
        return `승인했습니다. 상점은 ${detail.status} 상태이고 콜백은 ${seconds(detail.delayMs)} 뒤에 옵니다…`;
      case "lateCallbackStillPending":
        return `승인 직후 상점은 ${detail.first} 상태였고, ${seconds(detail.timeoutMs)}이 지나도 여전히 대기 중입니다.`;
      case "lateCallbackSettled":
        return `승인 직후 상점은 ${detail.first} 상태였고, ${seconds(detail.afterMs)} 뒤 ${detail.final} 상태가 되었습니다 (경로: ${via(detail.via)}).`;
      case "webhooksOnTheirWay":
        return "결제했지만 브라우저는 돌아오지 않았습니다. 웹훅이 두 번씩 전송되는 중…";
      case "webhooksSettled":
        return (
          `결제 웹훅 ${detail.payments}건과 중복 ${detail.duplicates}건이 ${detail.shuffled ? "순서가 뒤바뀐 채" : "이번에는 순서대로"} 전달되었습니다. ` +
          `상점은 ${detail.transitions === 1 ? "정확히 한 번" : `${detail.transitions}번`} 결제 완료로 바뀌었습니다 (경로: ${via(detail.via)}).`
        );
      case "tamperedRefused":
        return `상점은 ${detail.orderCode}에 대해 status=success를 전달받았지만 StepPay에 확인해 결제가 없음을 알고 주문을 대기 중으로 유지했습니다.`;
      case "tamperedAccepted":
        return `위조된 리턴 때문에 주문이 ${detail.status} 상태로 바뀌었습니다.`;
      case "couldNotFinish":
        return `실행을 끝내지 못했습니다: ${detail.reason}`;
      case "interrupted":
        return "중단됨: 실행이 끝나기 전에 서버가 멈췄습니다.";
      case "lapsed":
        return `${detail.minutes}분 안에 아무도 결제창을 열지 않아 지연 설정이 만료되었습니다.`;
    }
  },

  clock: {
    heading: "샌드박스 시계",
    realTime: "실제 시간으로 동작 중입니다.",
    offset: (days) => `실제 시간보다 ${days >= 0 ? "+" : ""}${days}일.`,
    hint: "StepPay 구독 날짜, 갱신, 재시도는 이 시계를 따르고 웹훅 타임스탬프는 실제 시간을 유지합니다.",
    advanceMonth: "한 달 앞으로",
    advanceDay: "하루 앞으로",
    reset: "시계 초기화",
  },

  subscriptions: {
    heading: "StepPay 구독",
    hint: "갱신 결제는 스케줄러가 다음 결제일에 청구하거나, “지금 갱신”으로 바로 청구합니다.",
    none: "아직 구독이 없습니다. 상점에서 StepPay로 구독 상품을 구매해 보세요.",
    caption: "StepPay 구독, 최신순",
    columns: { subscription: "구독", customer: "고객", plan: "요금제", status: "상태", nextPayment: "다음 결제", history: "갱신 기록", actions: "작업" },
    timesPaid: (count) => `${count}회 결제`,
    every: (interval, count) => {
      if (count > 1) return `${count}${KO_UNITS[interval] ?? ` ${interval}`}마다`;
      return KO_EVERY[interval] ?? `${interval}마다`;
    },
    nextDeclined: "다음 갱신 결제가 거절됩니다",
    failedCharges: (count) => `결제 실패 ${count}회, 재시도 중`,
    ends: "종료",
    firstPayment: "첫 결제",
    renewal: "갱신",
    declined: "거절",
    renewNow: "지금 갱신",
    failNext: "다음 갱신 실패시키기",
  },

  webhooks: {
    heading: "최근 웹훅 전송",
    hint: "StepPay → 상점의 웹훅 URL. 2xx가 아닌 응답이면 다시 보내며, 두 번 오거나 순서가 바뀔 수 있습니다.",
    none: "아직 보낸 웹훅이 없습니다.",
    caption: "StepPay 웹훅 전송, 최신순",
    columns: { time: "시각", event: "이벤트", format: "형식", status: "상태", attempts: "시도", actions: "작업" },
    order: (id) => `주문 #${id}`,
    subscription: (id) => `구독 #${id}`,
    duplicateOf: (id) => `${id}의 중복`,
    replayOf: (id) => `${id} 재전송`,
    replay: "다시 보내기",
  },

  deliveryState: { delivered: "전달됨", pending: "대기 중", gave_up: "포기함" },

  settings: {
    heading: "웹훅 설정",
    format: "웹훅 형식",
    both: "v2와 v1",
    duplicateRate: "중복 비율 (0~1)",
    shuffle: "순서 섞기 지연 (ms)",
    url: "웹훅 URL",
    keys: "추가 서명 키 (한 줄에 하나)",
    keysHint: "키마다 Steppay-Signature에 서명이 하나씩 추가됩니다 (키 교체). 데모 키는 항상 서명합니다.",
    save: "웹훅 설정 저장",
  },

  faults: {
    heading: "장애 스위치",
    hint: "상점의 안정성 테스트를 위해 결제사 API가 오작동하게 합니다. API 요청에만 적용되며 결제창이나 이 제어판에는 영향이 없습니다.",
    api: (label) => `${label} API`,
    none: "장애 없음: 정상 응답 중입니다.",
    armed: (mode, count, delayMs, paths) =>
      `설정됨: ${mode}${count !== null ? `, 남은 요청 ${count}건` : ", 초기화할 때까지"}${delayMs !== null ? `, ${delayMs}ms` : ""}${paths ? `, “${paths}”가 포함된 경로` : ""}.`,
    mode: (label) => `${label} 장애 모드`,
    count: "적용할 요청 수",
    untilReset: "초기화할 때까지",
    delay: "지연 (ms, timeout과 slow)",
    paths: "다음을 포함한 경로만",
    set: (label) => `${label} 장애 설정`,
    reset: (label) => `${label} 장애 초기화`,
  },

  callbacks: {
    heading: "Unifi Pay 콜백 전송",
    hint: "Unifi Pay → 상점의 callbackUrl. 시작 페이지에서 결정할 때마다 보냅니다.",
    none: "아직 보낸 콜백이 없습니다.",
    caption: "Unifi Pay 콜백 전송, 최신순",
    columns: { time: "시각", transaction: "거래", paymentStatus: "결제 상태", delivery: "전송", attempts: "시도" },
    order: (id) => `주문 ${id}`,
    duplicateOf: (id) => `${id}의 중복`,
  },

  notice: {
    faultReset: (label) => `${label} 장애 스위치를 초기화했습니다`,
    faultArmed: (label, mode, count) => `${label} 장애 설정: ${mode}${count ? `, 요청 ${count}건` : ""}`,
    renewed: (subscriptionId, orderCode) => `구독 ${subscriptionId} 갱신: 주문 ${orderCode} 결제 완료`,
    renewalFailed: (subscriptionId, orderCode, status) => `구독 ${subscriptionId}: 갱신 결제에 실패했습니다 (주문 ${orderCode}). 구독 상태는 ${status}입니다`,
    failNext: (subscriptionId, count) => `구독 ${subscriptionId}: 다음 ${count === 1 ? "갱신 결제가" : `갱신 결제 ${count}건이`} 거절됩니다`,
    clockAdvanced: (count, interval, renewals, failed, transitions) =>
      `시계를 ${count}${KO_UNITS[interval] ?? ` ${interval}`} 앞으로 옮겼습니다: 갱신 결제 ${renewals}건 성공, ${failed}건 실패, 예약된 변경 ${transitions}건 적용`,
    clockReset: "시계를 실제 시간으로 되돌렸습니다",
    replayed: (deliveryId, newId, answer) => `전송 ${deliveryId}을(를) ${newId}(으)로 다시 보냈습니다: ${answer}`,
    noAnswer: "응답 없음",
    settingsSaved: (format, duplicatePercent) => `웹훅 설정을 저장했습니다: 형식 ${format}, 중복 ${duplicatePercent}%`,
    runStarted: (title, runId) => `${title}: 실행 #${runId} 시작`,
    demoCleared: (storeOrders, steppayOrders, unifiPayments, runs) =>
      `데모 데이터를 지웠습니다: 상점 주문 ${storeOrders}건, StepPay 주문 ${steppayOrders}건, Unifi Pay 결제 ${unifiPayments}건, 시나리오 실행 ${runs}건. 샌드박스 설정은 기본값으로 돌아갔습니다`,
    sandboxFailed: (what) => `샌드박스가 ${what} 못했습니다`,
    runWhat: (title) => `“${title}” 시나리오를 실행하지`,
    resetWhat: "데모 데이터를 초기화하지",
  },
};

const KO_UNITS: Record<string, string> = { DAY: "일", WEEK: "주", MONTH: "개월", YEAR: "년" };
const KO_EVERY: Record<string, string> = { DAY: "매일", WEEK: "매주", MONTH: "매월", YEAR: "매년" };

/** Who moved an order into paid, as the store's timeline names it. */
const SOURCE_KO: Record<string, string> = { webhook: "웹훅", callback: "콜백", return: "리턴", reconciler: "리컨실러", manual: "수동 확인", unknown: "알 수 없음" };

export function panelCopy(locale: PanelLocale): PanelCopy {
  return locale === "ko" ? ko : en;
}

/** `?lang=` when the presenter chose a language, else null. */
export function chosenPanelLocale(langParam: string | null | undefined): PanelLocale | null {
  return langParam === "ko" || langParam === "en" ? langParam : null;
}

/** ?lang= wins; otherwise the first of ko/en in Accept-Language; English by default. */
export function panelLocale(langParam: string | null | undefined, acceptLanguage: string | null): PanelLocale {
  const chosen = chosenPanelLocale(langParam);
  if (chosen) return chosen;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === "ko" || tag === "en") return tag;
  }
  return "en";
}

/** The language a control request was made in: its `?lang=` (the panel adds it), else the browser's. */
export function requestPanelLocale(request: Request): { locale: PanelLocale; chosen: PanelLocale | null } {
  const chosen = chosenPanelLocale(new URL(request.url).searchParams.get("lang"));
  return { locale: chosen ?? panelLocale(null, request.headers.get("accept-language")), chosen };
}

/** A stored run detail: JSON written by this version, or plain text from runs recorded before it. */
export function readRunDetail(stored: string | null): RunDetail | string | null {
  if (stored === null || !stored.startsWith("{")) return stored;
  try {
    const parsed = JSON.parse(stored) as unknown;
    return typeof parsed === "object" && parsed !== null && typeof (parsed as { kind?: unknown }).kind === "string" ? (parsed as RunDetail) : stored;
  } catch {
    return stored;
  }
}

export function describeRunDetail(copy: PanelCopy, stored: RunDetail | string | null): string | null {
  return stored === null || typeof stored === "string" ? stored : copy.runDetail(stored);
}

/** A link or form target inside the panel, carrying the presenter's chosen language (if any) along. */
export function withPanelLang(path: string, chosen: PanelLocale | null): string {
  if (!chosen) return path;
  const [target, hash] = path.split("#", 2) as [string, string | undefined];
  return `${target}${target.includes("?") ? "&" : "?"}lang=${chosen}${hash === undefined ? "" : `#${hash}`}`;
}
