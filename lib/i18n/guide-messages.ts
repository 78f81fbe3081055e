import type { Locale } from "./locale";

/**
 * The integration guide's own strings (/integrate), in English and Korean, kept apart from the
 * shop's messages so the guide can grow without touching them. Korean is typed against English:
 * a missing key is a compile error. Text between backticks is shown as code, and text between
 * double asterisks as bold (see app/(shop)/integrate/inline-text.tsx).
 */
const en = {
  "guide.metaTitle": "Integration guide",
  // The shop header's link to /integrate (the header takes it from here: lib/i18n/messages.ts stays as it is).
  "guide.navLink": "Integration guide",
  // The same link on a phone, where the whole navigation has to fit one row beside the cart.
  "guide.navLinkShort": "Guide",
  "guide.eyebrow": "For merchants",
  "guide.title": "Integrate StepPay and Unifi Pay",
  "guide.intro":
    "Every step of a payment, for each provider and each way of opening its payment page, with the exact code that runs it. The excerpts are read from this store's source files when the page is rendered, so they are always the code that is running.",
  "guide.pick.provider": "Provider",
  "guide.pick.mode": "Payment page opened by",
  "guide.provider.steppay": "StepPay",
  "guide.provider.unifipay": "Unifi Pay",
  "guide.providerDesc.steppay": "KRW · Secret-Token · order lookup",
  "guide.providerDesc.unifipay": "USD · signed requests · status API",
  "guide.mode.redirect": "Redirect",
  "guide.mode.popup": "Popup",
  "guide.mode.iframe": "Iframe",
  "guide.steps.heading": "The flow: {provider} · {mode}",
  "guide.steps.summary":
    "The order, the start URL, the return handlers and the verification are the same in every mode. Only the mode in the return URL's path, and the browser code around the payment page, differ.",
  "guide.step.label": "Step {number}",
  "guide.step.create.title": "Create the order on your server",
  "guide.step.create.body.steppay":
    "The browser sends only product ids, quantities and the buyer. Your server prices the cart from its own catalog, saves the order, then creates the StepPay customer and order. A StepPay order has no amount field: the amount is each price plan × quantity, so the quantity is fixed with `minimumQuantity` = `maximumQuantity`. With an `Idempotency-Key` header, “Place order” pressed again after its answer was lost finds the order already saved instead of making a second one.",
  "guide.step.create.body.unifipay":
    "The browser sends only product ids, quantities and the buyer. Your server prices the cart from its own catalog (in cents) and saves the order. Nothing is created at Unifi Pay yet: every attempt to pay creates its own transaction in the next step. With an `Idempotency-Key` header, “Place order” pressed again after its answer was lost finds the order already saved instead of making a second one.",
  "guide.step.open.title.redirect": "Open the payment page by redirect",
  "guide.step.open.title.popup": "Open the payment page in a popup",
  "guide.step.open.title.iframe": "Open the payment page in an iframe",
  "guide.step.open.body.steppay":
    "Every mode uses one start URL on your server, `/api/orders/{id}/pay?mode=…`. It asks StepPay for the order's pay link with the `Secret-Token` (StepPay answers 302 and the payment page is its `Location` header) and sends the browser there. The return URLs are built from `APP_ORIGIN` and carry the mode in their path.",
  "guide.step.open.body.unifipay":
    "Every mode uses one start URL on your server, `/api/orders/{id}/pay?mode=…`. It stores a new attempt first (its id is the `requestId`, your idempotency key), creates a Unifi Pay payment with a signed request (HMAC-SHA256 over method, URI, API key, timestamp and body), and sends the browser to its `startPageUrl`.",
  "guide.step.open.browser.redirect": "**In the browser:** the pay button navigates the tab to the start URL. Nothing else.",
  "guide.step.open.browser.popup":
    "**In the browser:** `window.open` runs inside the click handler with no `await` before it, so no popup blocker stops it. The window is 425 × 812, centred, and the payment page gets no handle on the store (`opener = null`). A blocked popup offers redirect instead.",
  "guide.step.open.browser.iframe":
    "**In the browser:** the start URL loads in an iframe inside an accessible modal `<dialog>` (Escape or *Close payment* cancel), 425 × 812 and full-screen on small screens. The payment page stays on the provider's origin; the store itself refuses to be framed.",
  "guide.step.return.title.steppay": "Come back to the return URL (or a webhook)",
  "guide.step.return.title.unifipay": "Come back to the return URL (or the callback)",
  "guide.step.return.body.steppay":
    "StepPay sends the shopper to `successUrl`, `errorUrl` or `cancelUrl`. The handler reads only `order_code`, to find which of your orders this is: the `status`, `order_id` and amounts in the query are never believed. It asks StepPay (next step) and answers 303. A signed webhook may arrive as well: its raw bytes are verified in constant time before anything is parsed, and it only triggers the same lookup.",
  "guide.step.return.body.unifipay":
    "Unifi Pay sends the shopper to `returnUrl?transactionId=…`, and the return carries no outcome. The handler finds the payment by its `transactionId`, asks Unifi Pay (next step) and answers 303. Unifi Pay also posts to your `callbackUrl` from its servers: a trigger only, answered 200, or 503 when Unifi Pay could not be asked so that it retries.",
  "guide.step.return.landing.redirect": "**By redirect,** the 303 goes straight to the order page, which shows the verified status.",
  "guide.step.return.landing.popup":
    "**In a popup,** the 303 goes to a small landing page that tells the store's tab over a same-origin `BroadcastChannel` and closes itself. The tab then re-reads the order from your server (polling is the fallback). A popup closed early leaves the order pending, with *Reopen payment window*.",
  "guide.step.return.landing.iframe":
    "**In an iframe,** the 303 goes to a small landing page that posts to `window.parent` with the store's own origin as the explicit target. The parent checks `event.origin` and the frame the message came from, closes the dialog and re-reads the order from your server.",
  "guide.step.verify.title": "Verify on the server by looking the payment up",
  "guide.step.verify.body.steppay":
    "Look the order up with `GET /api/v1/orders/{code}` and compare it with what you stored. It is paid only when `paymentDate` is set, `paidAmount` equals your total, the order code is yours and the currency is KRW. Anything else is pending, failed, or a mismatch held for review.",
  "guide.step.verify.body.unifipay":
    "Look the payment up with the status API, `GET /api/v1/payment/{transactionId}` (signed like every call), and compare it with what you stored. It is paid only when the status is `CONFIRMED` and the `transactionId`, `orderId`, `storeId`, amount (exactly, in cents) and currency all match.",
  "guide.step.paid.title": "Move the order to paid exactly once",
  "guide.step.paid.body":
    "`syncOrderFromProvider` is the only code that changes a payment's state. The return URL, the callback or webhook and the reconciler all call it, any number of times, in any order. It asks the provider outside any transaction, then locks the order row and applies the verdict through the state machine: an order moves into `paid` once, with its fulfilment record, in one transaction.",
  "guide.code.where.route": "Route handler",
  "guide.code.where.server": "Server",
  "guide.code.where.provider": "Provider client · framework-free, copy the folder",
  "guide.code.where.browser": "Browser",
  "guide.code.lines": "lines {start}–{end}",
  "guide.copy": "Copy",
  "guide.copied": "Copied",
  "guide.copyLabel": "Copy code from {path}, lines {start}–{end}",
  "guide.copyFailed": "Could not copy. The code is selected: press Ctrl+C (⌘C on a Mac).",
  "guide.env.heading": "Environment variables for live use",
  "guide.env.intro":
    "Every variable defaults to the bundled sandbox, so the demo needs none. To take real payments, set these. `lib/env.ts` validates them at start and names any bad one; `.env.example` lists them all with their defaults.",
  "guide.env.variable": "Variable",
  "guide.env.value": "Set it to",
  "guide.env.meaning": "Meaning",
  "guide.env.group.store": "The store (both providers)",
  "guide.env.group.steppay": "StepPay",
  "guide.env.group.unifipay": "Unifi Pay",
  "guide.env.sandboxNote": "`SANDBOX_ORIGIN` matters only while a provider still points at the sandbox; a provider's sandbox wing answers 404 once its API base points elsewhere.",
  "guide.env.APP_ORIGIN.value": "Your shop's public origin, e.g. `https://shop.example.com`",
  "guide.env.APP_ORIGIN.meaning": "Where shoppers reach the store. Every return and callback URL is built from it, never from request headers.",
  "guide.env.DATABASE_URL.value": "`postgres://…`",
  "guide.env.DATABASE_URL.meaning": "PostgreSQL for orders and payments. Unset means embedded PGlite: fine for a demo, not for production.",
  "guide.env.PROVIDER_TIMEOUT_MS.value": "`10000` (the default) or your own",
  "guide.env.PROVIDER_TIMEOUT_MS.meaning": "Timeout of every provider call, in milliseconds.",
  "guide.env.PAYMENT_PROVIDERS.value": "`steppay`, `unifipay`, or both (`steppay,unifipay`, the default)",
  "guide.env.PAYMENT_PROVIDERS.meaning": "The providers checkout offers. With a contract for one provider only, list that one: the other is neither offered nor emulated (one real provider beside the other on the sandbox is refused at start-up).",
  "guide.env.STEPPAY_API_BASE.value": "`https://api.steppay.kr`",
  "guide.env.STEPPAY_API_BASE.meaning": "StepPay's API host. Pointing it away from the sandbox turns the sandbox's StepPay wing off.",
  "guide.env.STEPPAY_SECRET_TOKEN.value": "The secret token from your StepPay dashboard",
  "guide.env.STEPPAY_SECRET_TOKEN.meaning": "Sent as the `Secret-Token` header on every call. Server only.",
  "guide.env.STEPPAY_WEBHOOK_SECRET.value": "Your webhook v2 signing key from StepPay",
  "guide.env.STEPPAY_WEBHOOK_SECRET.meaning":
    "Verifies `Steppay-Signature`. Against real StepPay there is no default: until you set it, every signed webhook is refused, never accepted unverified.",
  "guide.env.UNIFIPAY_API_BASE.value": "The API host LINE NEXT gives you",
  "guide.env.UNIFIPAY_API_BASE.meaning": "Unifi Pay's API host is not published: ask LINE NEXT.",
  "guide.env.UNIFIPAY_APP_ID.value": "Issued by LINE NEXT",
  "guide.env.UNIFIPAY_APP_ID.meaning": "Sent as `X-AppId`.",
  "guide.env.UNIFIPAY_API_KEY.value": "Issued by LINE NEXT",
  "guide.env.UNIFIPAY_API_KEY.meaning": "Sent as `X-API-Key` and part of every signed string.",
  "guide.env.UNIFIPAY_APP_SECRET.value": "Issued by LINE NEXT",
  "guide.env.UNIFIPAY_APP_SECRET.meaning": "The HMAC-SHA256 key of `X-Authorization-Hmac`. Never sent, never logged.",
  "guide.env.UNIFIPAY_STORE_ID.value": "Issued by LINE NEXT",
  "guide.env.UNIFIPAY_STORE_ID.meaning": "Your merchant id: sent when a payment is created and checked on every status lookup.",
  "guide.assume.heading": "Assumptions to confirm with each provider",
  "guide.assume.intro":
    "Where the providers' published material is silent, this is what the store does. Each decision has a one-line comment where it applies in the code. Confirm these with the provider before going live.",
  "guide.assume.group.steppay": "StepPay",
  "guide.assume.group.unifipay": "Unifi Pay",
  "guide.assume.group.both": "Both providers",
  "guide.assume.steppay.paid":
    "**Paid** means `paymentDate != null` **and** `paidAmount` equals the total the store computed **and** the order code is the one stored for this order (and the currency is KRW). The return URL's `status`, `order_id` and amounts are never believed.",
  "guide.assume.steppay.quantity": "StepPay has no quantity field: quantity is fixed with `minimumQuantity` = `maximumQuantity`.",
  "guide.assume.steppay.catalog":
    "The store creates its catalog's products and price plans in StepPay through the API on first use and remembers the codes; a price change creates a new price plan.",
  "guide.assume.steppay.customer": "One StepPay customer per store order (`username` = `store-order-<id>-<random>`): checkout verifies no email address, so reusing the customer of an address would put the order under whoever owns it. Whether StepPay refuses a username twice is not published; a retry makes a new one.",
  "guide.assume.steppay.cancelUrl":
    "What StepPay appends to `cancelUrl` is not documented; the sandbox appends `order_id`, `order_code` and `status=cancel`. The store identifies the order by `order_code`, and puts its own order id in the cancel URL (`?store_order=`) for when StepPay appends nothing (only to find the order: StepPay's lookup decides, as for every return).",
  "guide.assume.steppay.failureReason": "A failure reason comes from `payment.errorCode` / `payment.errorMessage`.",
  "guide.assume.steppay.canceled":
    "Returning via `cancelUrl` (or with a failure from an earlier attempt still on the order) while StepPay reports no payment shows the order as *canceled*; it can be paid again, and a later payment always wins.",
  "guide.assume.steppay.receipt":
    "The receipt lookup `GET /api/payment/receipt/{idKey}` has no published schema; the client reads only `paymentDate` and `paymentStatus`.",
  "guide.assume.steppay.renewals":
    "A renewal is believed only when StepPay's renewal order has `paymentDate`, its `parentSubscription` is one of the store's, and its `paidAmount` equals the plan's price × quantity in the store's own catalog.",
  "guide.assume.steppay.webhooks":
    "Webhook retries, replay window and expected answer are not published: the store rejects a v2 timestamp more than 5 minutes from now, answers 2xx to authentic events it ignores, dedupes by (event, id, timestamp), and still looks the subject up before changing anything. The sandbox's delivery behaviour is a model.",
  "guide.assume.steppay.sandboxSubscriptions":
    "The sandbox's subscription engine follows the published statuses (a failed renewal → UNPAID, retried after 1, 3, 5, 10, 14 days, then EXPIRED); its *Renew now* pays the next period early.",
  "guide.assume.unifipay.amount":
    "`orderAmount` (a decimal string, e.g. `\"12.50\"`) is sent on create although the published API has no amount field: **the one field to confirm with LINE NEXT**.",
  "guide.assume.unifipay.signedUri": "The signed URI is the path relative to the API base, without query string; a GET signs `\"\"` as its body.",
  "guide.assume.unifipay.requestId": "`requestId` is the store's idempotency key: one per payment attempt, stored before the call.",
  "guide.assume.unifipay.paid":
    "**Paid** means status `CONFIRMED` and `transactionId`, `orderId`, `storeId`, `orderAmount` (exactly, in cents) and `orderCurrencyCode` all equal what the store stored. Any status other than `CONFIRMED` or `FAILED` is pending (an open union).",
  "guide.assume.unifipay.cancel":
    "Cancel is not documented: the sandbox sets `CANCELED`; returning without a final status shows the order as *canceled* until a later confirmation says otherwise.",
  "guide.assume.unifipay.refunds":
    "Refunds: callbacks carry *refunded* states (Unifi's overview), but no refund API or status value is published. A refund made in Unifi's dashboard is taken to show `REFUNDED` on the status API: a callback about a paid payment is read again, and `CONFIRMED` → `REFUNDED` refunds the order in full (unless another payment of it is still confirmed). `REFUNDED` is the second thing to confirm with LINE NEXT.",
  "guide.assume.unifipay.callback":
    "The callback body `{transactionId, orderId, status, type}`, its retries (Unifi Pay Direct's 3 s, 30 s, 10 min, 1 h, 3 h; the sandbox divides them by 100) and its duplicates are modelled on Unifi Pay Direct. The store reads only `transactionId` and asks the status API.",
  "guide.assume.unifipay.errorBody": "The error-body format is not published: any non-2xx answer is an error and its raw body is kept.",
  "guide.assume.unifipay.headers": "`X-AppId` and `X-API-Key` are kept as two settings.",
  "guide.assume.both.origin":
    "Requests to `POST /api/orders` with a foreign `Origin` (or `Sec-Fetch-Site: cross-site`) are refused; requests without either header come from non-browser clients and are allowed.",
  "guide.assume.both.orderId": "Order pages are reached by an unguessable id (a random UUID), like a receipt link.",
} as const;

export type GuideMessageKey = keyof typeof en;
type GuideMessages = Record<GuideMessageKey, string>;

const ko: GuideMessages = {
  "guide.metaTitle": "연동 가이드",
  "guide.navLink": "연동 가이드",
  "guide.navLinkShort": "연동 가이드",
  "guide.eyebrow": "가맹점 개발자용",
  "guide.title": "스텝페이와 유니파이 페이 연동하기",
  "guide.intro":
    "결제의 모든 단계를 결제사별, 결제창 여는 방식별로 보여 주고, 각 단계를 실행하는 코드를 그대로 싣습니다. 코드 발췌는 페이지를 렌더링할 때 이 상점의 소스 파일에서 읽어 오므로 항상 지금 실행 중인 코드와 같습니다.",
  "guide.pick.provider": "결제사",
  "guide.pick.mode": "결제창 여는 방식",
  "guide.provider.steppay": "스텝페이",
  "guide.provider.unifipay": "유니파이 페이",
  "guide.providerDesc.steppay": "원화 · Secret-Token · 주문 조회",
  "guide.providerDesc.unifipay": "달러 · 서명된 요청 · 상태 조회 API",
  "guide.mode.redirect": "리다이렉트",
  "guide.mode.popup": "팝업",
  "guide.mode.iframe": "아이프레임",
  "guide.steps.heading": "결제 흐름: {provider} · {mode}",
  "guide.steps.summary":
    "주문, 시작 URL, 복귀 처리, 검증은 모든 방식에서 같습니다. 복귀 URL 경로에 담긴 방식과 결제창을 둘러싼 브라우저 코드만 다릅니다.",
  "guide.step.label": "{number}단계",
  "guide.step.create.title": "서버에서 주문 만들기",
  "guide.step.create.body.steppay":
    "브라우저는 상품 ID, 수량, 주문자 정보만 보냅니다. 서버가 자체 카탈로그로 금액을 계산해 주문을 저장한 뒤 스텝페이 고객과 주문을 만듭니다. 스텝페이 주문에는 금액 필드가 없어 금액은 가격 플랜 × 수량이며, 수량은 `minimumQuantity` = `maximumQuantity`로 고정합니다. `Idempotency-Key` 헤더를 함께 보내므로, 응답을 받지 못해 다시 누른 “주문하기”는 두 번째 주문을 만들지 않고 이미 저장된 주문을 찾습니다.",
  "guide.step.create.body.unifipay":
    "브라우저는 상품 ID, 수량, 주문자 정보만 보냅니다. 서버가 자체 카탈로그로 금액(센트 단위)을 계산해 주문을 저장합니다. 유니파이 페이에는 아직 아무것도 만들지 않습니다. 결제를 시도할 때마다 다음 단계에서 거래를 새로 만듭니다. `Idempotency-Key` 헤더를 함께 보내므로, 응답을 받지 못해 다시 누른 “주문하기”는 두 번째 주문을 만들지 않고 이미 저장된 주문을 찾습니다.",
  "guide.step.open.title.redirect": "리다이렉트로 결제창 열기",
  "guide.step.open.title.popup": "팝업으로 결제창 열기",
  "guide.step.open.title.iframe": "아이프레임으로 결제창 열기",
  "guide.step.open.body.steppay":
    "모든 방식이 서버의 시작 URL 하나, `/api/orders/{id}/pay?mode=…`를 씁니다. 이 URL은 `Secret-Token`으로 스텝페이에 주문의 결제 링크를 요청하고(스텝페이는 302로 답하며 결제창 주소는 `Location` 헤더에 있습니다) 브라우저를 그리로 보냅니다. 복귀 URL은 `APP_ORIGIN`으로 만들고 경로에 방식을 담습니다.",
  "guide.step.open.body.unifipay":
    "모든 방식이 서버의 시작 URL 하나, `/api/orders/{id}/pay?mode=…`를 씁니다. 먼저 새 결제 시도를 저장하고(그 ID가 멱등 키인 `requestId`입니다), 서명된 요청(메서드, URI, API 키, 타임스탬프, 본문에 대한 HMAC-SHA256)으로 유니파이 페이 결제를 만든 뒤 브라우저를 `startPageUrl`로 보냅니다.",
  "guide.step.open.browser.redirect": "**브라우저에서:** 결제 버튼이 탭을 시작 URL로 이동시킵니다. 그것이 전부입니다.",
  "guide.step.open.browser.popup":
    "**브라우저에서:** `window.open`은 클릭 핸들러 안에서 앞에 `await` 없이 실행되므로 팝업 차단에 걸리지 않습니다. 창은 425 × 812 크기로 가운데에 열리며, 결제창은 상점 창에 접근할 수 없습니다(`opener = null`). 팝업이 차단되면 리다이렉트를 대신 제안합니다.",
  "guide.step.open.browser.iframe":
    "**브라우저에서:** 시작 URL을 접근성을 갖춘 모달 `<dialog>` 안의 아이프레임에 불러옵니다(Esc 또는 *결제 닫기*로 취소). 크기는 425 × 812이며 작은 화면에서는 전체 화면입니다. 결제창은 결제사 오리진에 그대로 있고, 상점 페이지는 프레임에 담기는 것을 거부합니다.",
  "guide.step.return.title.steppay": "복귀 URL로 돌아오기 (또는 웹훅)",
  "guide.step.return.title.unifipay": "복귀 URL로 돌아오기 (또는 콜백)",
  "guide.step.return.body.steppay":
    "스텝페이는 구매자를 `successUrl`, `errorUrl`, `cancelUrl` 중 하나로 보냅니다. 처리기는 어느 주문인지 찾는 데 `order_code`만 읽고, 쿼리의 `status`, `order_id`, 금액은 절대 믿지 않습니다. 스텝페이에 직접 묻고(다음 단계) 303으로 답합니다. 서명된 웹훅이 올 수도 있습니다. 원본 바이트를 파싱하기 전에 상수 시간으로 검증하며, 웹훅은 같은 조회를 일으킬 뿐입니다.",
  "guide.step.return.body.unifipay":
    "유니파이 페이는 구매자를 `returnUrl?transactionId=…`로 보내며, 이 복귀에는 결과가 담겨 있지 않습니다. 처리기는 `transactionId`로 결제를 찾아 유니파이 페이에 묻고(다음 단계) 303으로 답합니다. 유니파이 페이는 서버에서 `callbackUrl`로도 요청을 보냅니다. 콜백은 신호일 뿐이며 200으로 답하고, 유니파이 페이에 묻지 못했을 때만 503으로 답해 다시 보내게 합니다.",
  "guide.step.return.landing.redirect": "**리다이렉트에서는** 303이 곧바로 주문 페이지로 가고, 주문 페이지가 검증된 상태를 보여 줍니다.",
  "guide.step.return.landing.popup":
    "**팝업에서는** 303이 작은 도착 페이지로 가고, 이 페이지가 같은 오리진의 `BroadcastChannel`로 상점 탭에 알린 뒤 스스로 닫힙니다. 상점 탭은 서버에서 주문을 다시 읽습니다(폴링이 예비 수단입니다). 결제 전에 팝업을 닫으면 주문은 결제 대기로 남고 *결제창 다시 열기*가 나타납니다.",
  "guide.step.return.landing.iframe":
    "**아이프레임에서는** 303이 작은 도착 페이지로 가고, 이 페이지가 상점 자신의 오리진을 명시한 대상 오리진으로 `window.parent`에 메시지를 보냅니다. 부모 페이지는 `event.origin`과 메시지를 보낸 프레임을 확인하고 대화상자를 닫은 뒤 서버에서 주문을 다시 읽습니다.",
  "guide.step.verify.title": "서버에서 결제를 조회해 검증하기",
  "guide.step.verify.body.steppay":
    "`GET /api/v1/orders/{code}`로 주문을 조회해 저장해 둔 값과 비교합니다. `paymentDate`가 있고, `paidAmount`가 상점이 계산한 합계와 같고, 주문 코드가 이 주문의 것이며, 통화가 KRW일 때만 결제 완료입니다. 그 밖의 경우는 대기, 실패, 또는 확인이 필요한 불일치입니다.",
  "guide.step.verify.body.unifipay":
    "상태 조회 API `GET /api/v1/payment/{transactionId}`(다른 호출처럼 서명합니다)로 결제를 조회해 저장해 둔 값과 비교합니다. 상태가 `CONFIRMED`이고 `transactionId`, `orderId`, `storeId`, 금액(센트 단위로 정확히), 통화가 모두 같을 때만 결제 완료입니다.",
  "guide.step.paid.title": "주문을 정확히 한 번만 결제 완료로 바꾸기",
  "guide.step.paid.body":
    "결제 상태를 바꾸는 코드는 `syncOrderFromProvider` 하나뿐입니다. 복귀 URL, 콜백이나 웹훅, 대사 작업이 모두 이 함수를 몇 번이든, 어떤 순서로든 호출합니다. 트랜잭션 밖에서 결제사에 묻고, 주문 행을 잠근 뒤 상태 기계로 판정을 적용합니다. 주문은 한 트랜잭션 안에서 처리 기록과 함께 단 한 번 `paid`가 됩니다.",
  "guide.code.where.route": "라우트 핸들러",
  "guide.code.where.server": "서버",
  "guide.code.where.provider": "결제사 클라이언트 · 프레임워크 독립, 폴더째 복사",
  "guide.code.where.browser": "브라우저",
  "guide.code.lines": "{start}–{end}행",
  "guide.copy": "복사",
  "guide.copied": "복사됨",
  "guide.copyLabel": "{path} {start}–{end}행 코드 복사",
  "guide.copyFailed": "복사하지 못했습니다. 코드를 선택해 두었으니 Ctrl+C(Mac은 ⌘C)를 누르세요.",
  "guide.env.heading": "실서비스용 환경 변수",
  "guide.env.intro":
    "모든 변수의 기본값은 내장 샌드박스를 가리키므로 데모에는 아무것도 필요 없습니다. 실제 결제를 받으려면 아래 변수를 설정하세요. `lib/env.ts`가 시작할 때 검증해 잘못된 변수의 이름을 알려 주며, `.env.example`에 모든 변수와 기본값이 있습니다.",
  "guide.env.variable": "변수",
  "guide.env.value": "설정할 값",
  "guide.env.meaning": "의미",
  "guide.env.group.store": "상점 (두 결제사 공통)",
  "guide.env.group.steppay": "스텝페이",
  "guide.env.group.unifipay": "유니파이 페이",
  "guide.env.sandboxNote": "`SANDBOX_ORIGIN`은 결제사가 아직 샌드박스를 가리킬 때만 의미가 있습니다. 결제사의 API 주소를 다른 곳으로 바꾸면 해당 샌드박스는 모든 요청에 404로 답합니다.",
  "guide.env.APP_ORIGIN.value": "상점의 공개 오리진, 예: `https://shop.example.com`",
  "guide.env.APP_ORIGIN.meaning": "구매자가 상점에 접속하는 주소입니다. 모든 복귀 URL과 콜백 URL은 요청 헤더가 아니라 이 값으로 만듭니다.",
  "guide.env.DATABASE_URL.value": "`postgres://…`",
  "guide.env.DATABASE_URL.meaning": "주문과 결제를 저장할 PostgreSQL입니다. 비워 두면 내장 PGlite를 쓰며, 데모에는 충분하지만 운영용은 아닙니다.",
  "guide.env.PROVIDER_TIMEOUT_MS.value": "`10000`(기본값) 또는 원하는 값",
  "guide.env.PROVIDER_TIMEOUT_MS.meaning": "모든 결제사 호출의 제한 시간(밀리초)입니다.",
  "guide.env.PAYMENT_PROVIDERS.value": "`steppay`, `unifipay`, 또는 둘 다(`steppay,unifipay`, 기본값)",
  "guide.env.PAYMENT_PROVIDERS.meaning": "결제 화면에서 제공할 결제사입니다. 한 결제사와만 계약했다면 그 결제사만 적으세요. 나머지는 제공하지도, 에뮬레이션하지도 않습니다(실제 결제사 하나와 샌드박스에 남은 다른 결제사를 함께 쓰면 시작할 때 거부됩니다).",
  "guide.env.STEPPAY_API_BASE.value": "`https://api.steppay.kr`",
  "guide.env.STEPPAY_API_BASE.meaning": "스텝페이 API 주소입니다. 샌드박스가 아닌 곳을 가리키면 샌드박스의 스텝페이 부분이 꺼집니다.",
  "guide.env.STEPPAY_SECRET_TOKEN.value": "스텝페이 대시보드의 시크릿 토큰",
  "guide.env.STEPPAY_SECRET_TOKEN.meaning": "모든 호출에 `Secret-Token` 헤더로 보냅니다. 서버에만 둡니다.",
  "guide.env.STEPPAY_WEBHOOK_SECRET.value": "스텝페이에서 받은 웹훅 v2 서명 키",
  "guide.env.STEPPAY_WEBHOOK_SECRET.meaning":
    "`Steppay-Signature`를 검증합니다. 실제 스텝페이에는 기본값이 없어, 설정하기 전까지 서명된 웹훅은 모두 거부됩니다. 검증 없이 받아들이는 일은 없습니다.",
  "guide.env.UNIFIPAY_API_BASE.value": "LINE NEXT가 알려 주는 API 주소",
  "guide.env.UNIFIPAY_API_BASE.meaning": "유니파이 페이의 API 주소는 공개되어 있지 않습니다. LINE NEXT에 문의하세요.",
  "guide.env.UNIFIPAY_APP_ID.value": "LINE NEXT가 발급",
  "guide.env.UNIFIPAY_APP_ID.meaning": "`X-AppId`로 보냅니다.",
  "guide.env.UNIFIPAY_API_KEY.value": "LINE NEXT가 발급",
  "guide.env.UNIFIPAY_API_KEY.meaning": "`X-API-Key`로 보내며 모든 서명 문자열에 들어갑니다.",
  "guide.env.UNIFIPAY_APP_SECRET.value": "LINE NEXT가 발급",
  "guide.env.UNIFIPAY_APP_SECRET.meaning": "`X-Authorization-Hmac`의 HMAC-SHA256 키입니다. 전송하지도, 기록하지도 않습니다.",
  "guide.env.UNIFIPAY_STORE_ID.value": "LINE NEXT가 발급",
  "guide.env.UNIFIPAY_STORE_ID.meaning": "가맹점 ID입니다. 결제를 만들 때 보내고, 상태를 조회할 때마다 확인합니다.",
  "guide.assume.heading": "결제사와 확인할 가정",
  "guide.assume.intro":
    "결제사가 공개한 자료에 없는 부분은 상점이 아래처럼 처리합니다. 각 결정은 코드의 해당 위치에 한 줄 주석으로 남겨 두었습니다. 실서비스 전에 결제사와 확인하세요.",
  "guide.assume.group.steppay": "스텝페이",
  "guide.assume.group.unifipay": "유니파이 페이",
  "guide.assume.group.both": "두 결제사 공통",
  "guide.assume.steppay.paid":
    "**결제 완료**는 `paymentDate != null` **이고** `paidAmount`가 상점이 계산한 합계와 같고 **또한** 주문 코드가 이 주문에 저장된 코드와 같을 때(그리고 통화가 KRW일 때)입니다. 복귀 URL의 `status`, `order_id`, 금액은 절대 믿지 않습니다.",
  "guide.assume.steppay.quantity": "스텝페이에는 수량 필드가 없어 `minimumQuantity` = `maximumQuantity`로 수량을 고정합니다.",
  "guide.assume.steppay.catalog": "상점은 처음 쓸 때 API로 스텝페이에 카탈로그의 상품과 가격 플랜을 만들고 그 코드를 기억합니다. 가격이 바뀌면 새 가격 플랜을 만듭니다.",
  "guide.assume.steppay.customer": "스토어 주문 하나에 스텝페이 고객 하나입니다(`username` = `store-order-<id>-<임의값>`). 결제 과정에서 이메일 주소를 확인하지 않으므로, 주소가 같다고 고객을 다시 쓰면 그 주소의 주인 밑에 주문이 들어갑니다. 같은 username을 스텝페이가 거절하는지는 공개되지 않았으므로, 다시 시도할 때는 새 username을 씁니다.",
  "guide.assume.steppay.cancelUrl":
    "스텝페이가 `cancelUrl`에 무엇을 덧붙이는지는 문서에 없습니다. 샌드박스는 `order_id`, `order_code`, `status=cancel`을 덧붙입니다. 상점은 `order_code`로 주문을 식별하고, 스텝페이가 아무것도 덧붙이지 않을 때를 위해 취소 URL에 상점 자신의 주문 ID(`?store_order=`)를 넣습니다(주문을 찾는 데만 쓰며, 다른 모든 복귀와 같이 결과는 스텝페이 조회가 정합니다).",
  "guide.assume.steppay.failureReason": "실패 사유는 `payment.errorCode` / `payment.errorMessage`에서 가져옵니다.",
  "guide.assume.steppay.canceled":
    "스텝페이가 결제 없음이라고 답하는데 `cancelUrl`로 돌아오면(또는 이전 시도의 실패가 주문에 남아 있으면) 주문을 *결제 취소*로 표시합니다. 다시 결제할 수 있으며, 나중에 들어온 결제가 항상 우선합니다.",
  "guide.assume.steppay.receipt": "영수증 조회 `GET /api/payment/receipt/{idKey}`는 스키마가 공개되어 있지 않아, 클라이언트는 `paymentDate`와 `paymentStatus`만 읽습니다.",
  "guide.assume.steppay.renewals":
    "갱신은 스텝페이의 갱신 주문에 `paymentDate`가 있고, `parentSubscription`이 상점의 구독이며, `paidAmount`가 상점 카탈로그의 플랜 가격 × 수량과 같을 때만 인정합니다.",
  "guide.assume.steppay.webhooks":
    "웹훅 재시도 일정, 재전송 허용 시간, 기대 응답은 공개되지 않았습니다. 상점은 현재와 5분 넘게 차이 나는 v2 타임스탬프를 거부하고, 사용하지 않는 정상 이벤트에는 2xx로 답하며, (이벤트, id, 타임스탬프)로 중복을 걸러 내고, 무엇을 바꾸기 전에 항상 대상을 다시 조회합니다. 샌드박스의 전송 방식은 모델일 뿐입니다.",
  "guide.assume.steppay.sandboxSubscriptions":
    "샌드박스의 구독 엔진은 공개된 상태를 따릅니다(갱신 실패 → UNPAID, 1·3·5·10·14일 후 재시도, 이후 EXPIRED). *지금 갱신*은 다음 기간을 미리 결제합니다.",
  "guide.assume.unifipay.amount":
    "공개된 API에는 금액 필드가 없지만 결제를 만들 때 `orderAmount`(소수 문자열, 예: `\"12.50\"`)를 보냅니다. **LINE NEXT와 꼭 확인해야 할 단 하나의 필드**입니다.",
  "guide.assume.unifipay.signedUri": "서명하는 URI는 API 주소 기준의 경로이며 쿼리 문자열은 빼습니다. GET은 본문으로 `\"\"`를 서명합니다.",
  "guide.assume.unifipay.requestId": "`requestId`는 상점의 멱등 키입니다. 결제 시도마다 하나이며 호출 전에 저장합니다.",
  "guide.assume.unifipay.paid":
    "**결제 완료**는 상태가 `CONFIRMED`이고 `transactionId`, `orderId`, `storeId`, `orderAmount`(센트 단위로 정확히), `orderCurrencyCode`가 모두 상점이 저장한 값과 같을 때입니다. `CONFIRMED`와 `FAILED` 외의 상태는 모두 대기로 봅니다(열린 집합).",
  "guide.assume.unifipay.cancel": "취소는 문서에 없습니다. 샌드박스는 `CANCELED`로 설정하며, 최종 상태 없이 돌아오면 나중에 확인이 오기 전까지 주문을 *결제 취소*로 표시합니다.",
  "guide.assume.unifipay.refunds":
    "환불: 콜백은 *환불* 상태도 알린다고 하지만(유니파이 개요) 환불 API나 상태 값은 공개되어 있지 않습니다. 유니파이 관리 화면에서 한 환불은 상태 조회 API에 `REFUNDED`로 보인다고 보고, 결제 완료된 결제에 대한 콜백은 다시 조회하며, `CONFIRMED` → `REFUNDED`이면 주문을 전액 환불로 처리합니다(같은 주문의 다른 결제가 아직 완료 상태이면 제외). `REFUNDED`는 LINE NEXT와 확인해야 할 두 번째 항목입니다.",
  "guide.assume.unifipay.callback":
    "콜백 본문 `{transactionId, orderId, status, type}`, 재시도 간격(Unifi Pay Direct의 3초, 30초, 10분, 1시간, 3시간, 샌드박스는 100으로 나눔), 중복 전송은 Unifi Pay Direct를 본떴습니다. 상점은 `transactionId`만 읽고 상태 조회 API에 묻습니다.",
  "guide.assume.unifipay.errorBody": "오류 본문 형식은 공개되어 있지 않습니다. 2xx가 아닌 응답은 모두 오류로 보고 원본 본문을 보관합니다.",
  "guide.assume.unifipay.headers": "`X-AppId`와 `X-API-Key`는 별도의 두 설정으로 둡니다.",
  "guide.assume.both.origin":
    "다른 `Origin`(또는 `Sec-Fetch-Site: cross-site`)에서 온 `POST /api/orders` 요청은 거부합니다. 두 헤더가 모두 없는 요청은 브라우저가 아닌 클라이언트에서 온 것으로 보고 허용합니다.",
  "guide.assume.both.orderId": "주문 페이지는 영수증 링크처럼 추측할 수 없는 ID(무작위 UUID)로만 열 수 있습니다.",
};

const GUIDE_MESSAGES: Record<Locale, GuideMessages> = { en, ko };

export type GuideTranslate = (key: GuideMessageKey, vars?: Record<string, string | number>) => string;

export function guideTranslator(locale: Locale): GuideTranslate {
  const messages = GUIDE_MESSAGES[locale];
  return (key, vars) => {
    const text = messages[key] ?? en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
  };
}
