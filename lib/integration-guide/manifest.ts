import type { GuideMessageKey } from "@/lib/i18n/guide-messages";

/**
 * What /integrate shows: for each provider × mode, the numbered steps of a payment and, per step,
 * which region of which real source file runs it. The page reads those regions from disk
 * (load-excerpt.ts), so the guide can never show code the store does not run. Pure data: the
 * e2e spec imports it too, to check every excerpt against the file on disk.
 *
 * A region is found by markers, not line numbers, so it follows the code as lines move:
 *  - `start`: text on the region's first line; it must appear on exactly one line of the file;
 *  - `endAfter` (optional): text on exactly one later line; the end is searched from there;
 *  - `end`: the whole last line, indentation included (compared after trimming the right side);
 *    the first such line at or after the start (or `endAfter`) closes the region;
 *  - `withDocComment`: also take the comment lines directly above the start.
 * A marker that is missing or ambiguous throws, so a refactor that breaks the guide fails the
 * unit tests and the e2e suite instead of showing stale code.
 */
export const GUIDE_PROVIDERS = ["steppay", "unifipay"] as const;
export type GuideProvider = (typeof GUIDE_PROVIDERS)[number];

// The same three modes as lib/providers/types.ts (PAYMENT_MODES), repeated so this file stays
// plain data that Playwright can import without the app's module graph.
export const GUIDE_MODES = ["redirect", "popup", "iframe"] as const;
export type GuideMode = (typeof GUIDE_MODES)[number];

export type ExcerptSpec = {
  /** Stable id: the DOM id of the code block and the key tests use. */
  id: string;
  /** Repository-relative path, with forward slashes. */
  path: string;
  start: string;
  endAfter?: string;
  end: string;
  withDocComment?: boolean;
};

export type GuideStepId = "create" | "open" | "return" | "verify" | "paid";

export type GuideStep = {
  id: GuideStepId;
  title: GuideMessageKey;
  /** Paragraphs, in order: what happens and why. */
  body: GuideMessageKey[];
  excerpts: ExcerptSpec[];
};

const route = (id: string, path: string, method: "GET" | "POST"): ExcerptSpec => ({
  id,
  path,
  start: `export const ${method} = jsonRoute(`,
  end: "});",
  withDocComment: true,
});

/** Every excerpt the guide can show, once. */
export const EXCERPTS = {
  createOrderRoute: route("create-order-route", "app/api/orders/route.ts", "POST"),
  stepPayCreateOrder: {
    id: "steppay-create-order",
    path: "lib/providers/steppay/client.ts",
    start: "createOrder(input: CustomerRef & { items: CreateOrderItem[] })",
    end: "    },",
    withDocComment: true,
  },
  payRoute: route("pay-route", "app/api/orders/[id]/pay/route.ts", "GET"),
  stepPayReturnUrls: {
    id: "steppay-return-urls",
    path: "lib/payments/return-urls.ts",
    start: "export function stepPayReturnUrls(",
    end: "}",
    withDocComment: true,
  },
  stepPayGetPayLink: {
    id: "steppay-get-pay-link",
    path: "lib/providers/steppay/client.ts",
    start: "async getPayLink(",
    end: "    },",
    withDocComment: true,
  },
  unifiGatewayStart: {
    id: "unifipay-gateway-start",
    path: "lib/payments/unifipay-gateway.ts",
    start: "async start(order, mode) {",
    end: "  },",
  },
  unifiCreatePayment: {
    id: "unifipay-create-payment",
    path: "lib/providers/unifipay/client.ts",
    start: "createPayment(input: UnifiCreatePaymentInput)",
    end: "    },",
    withDocComment: true,
  },
  unifiSignRequest: {
    id: "unifipay-sign-request",
    path: "lib/providers/unifipay/sign-request.ts",
    start: "export type UnifiSignatureInput = {",
    endAfter: "export function signUnifiRequest(",
    end: "}",
    withDocComment: true,
  },
  browserRedirect: {
    id: "browser-open-redirect",
    path: "app/_components/order-payment.tsx",
    start: 'if (useMode === "redirect") {',
    end: "    }",
  },
  browserPopup: {
    id: "browser-open-popup",
    path: "app/_components/order-payment.tsx",
    start: "function pay(useMode: PaymentMode = mode) {",
    end: "  }",
    withDocComment: true,
  },
  browserIframeOpen: {
    id: "browser-open-iframe",
    path: "app/_components/order-payment.tsx",
    start: "setFrameSrc(url);",
    end: "    dialogRef.current?.showModal();",
  },
  browserIframeDialog: {
    id: "browser-iframe-dialog",
    path: "app/_components/order-payment.tsx",
    start: "<dialog",
    end: "      </dialog>",
  },
  stepPayReturnRoute: route("steppay-return-route", "app/api/payments/steppay/[mode]/[outcome]/route.ts", "GET"),
  stepPayWebhookRoute: route("steppay-webhook-route", "app/api/webhooks/steppay/route.ts", "POST"),
  stepPayWebhookHandler: {
    id: "steppay-webhook-handler",
    path: "lib/webhooks/steppay-webhook.ts",
    start: "export async function handleStepPayWebhook(",
    end: "}",
    withDocComment: true,
  },
  stepPayWebhookSignature: {
    id: "steppay-webhook-signature",
    path: "lib/providers/steppay/webhook-signature.ts",
    start: "export function signWebhook(",
    endAfter: "export function verifyWebhookSignature(",
    end: "}",
  },
  unifiReturnRoute: route("unifipay-return-route", "app/api/payments/unifipay/[mode]/return/route.ts", "GET"),
  unifiCallbackRoute: route("unifipay-callback-route", "app/api/payments/unifipay/callback/route.ts", "POST"),
  landingPath: {
    id: "landing-path",
    path: "lib/payments/return-urls.ts",
    start: "export function landingPath(",
    end: "}",
    withDocComment: true,
  },
  returnBridge: {
    id: "return-bridge",
    path: "app/_components/payment-return-bridge.tsx",
    start: "export function PaymentReturnBridge(",
    end: "}",
    withDocComment: true,
  },
  storePopupChannel: {
    id: "store-popup-channel",
    path: "app/_components/order-payment.tsx",
    start: "// The popup's landing page announces the verified result",
    end: "  }, [initial.id, mutate, toast, payErrorText]);",
  },
  storePopupClosed: {
    id: "store-popup-closed",
    path: "app/_components/order-payment.tsx",
    start: "// Notice when the shopper closes the popup before finishing",
    end: "  }, [phase, mutate]);",
  },
  storeFrameMessage: {
    id: "store-frame-message",
    path: "app/_components/order-payment.tsx",
    start: "// The iframe's landing page posts to its parent",
    end: "  }, [initial.id, mutate, closeFrame, toast, payErrorText]);",
  },
  stepPayGetOrder: {
    id: "steppay-get-order",
    path: "lib/providers/steppay/client.ts",
    start: "getOrder(idOrCode: string): Promise<StepPayOrder> {",
    end: "    },",
    withDocComment: true,
  },
  stepPayGatewayVerify: {
    id: "steppay-gateway-verify",
    path: "lib/payments/steppay-gateway.ts",
    start: "async verify(order, payment) {",
    end: "  },",
  },
  stepPayVerifyOrder: {
    id: "steppay-verify-order",
    path: "lib/providers/steppay/verify-order.ts",
    start: "export type StepPayExpectation = {",
    endAfter: "export function verifyStepPayOrder(",
    end: "}",
    withDocComment: true,
  },
  unifiGetPayment: {
    id: "unifipay-get-payment",
    path: "lib/providers/unifipay/client.ts",
    start: "getPayment(transactionId: string): Promise<UnifiPaymentStatus> {",
    end: "    },",
    withDocComment: true,
  },
  unifiGatewayVerify: {
    id: "unifipay-gateway-verify",
    path: "lib/payments/unifipay-gateway.ts",
    start: "async verify(order, payment) {",
    end: "  },",
  },
  unifiVerifyPayment: {
    id: "unifipay-verify-payment",
    path: "lib/providers/unifipay/verify-payment.ts",
    start: "export type UnifiExpectedPayment = {",
    endAfter: "export function verifyUnifiPayment(",
    end: "}",
    withDocComment: true,
  },
  syncOrder: {
    id: "sync-order",
    path: "lib/orders/sync-order.ts",
    start: "export async function syncOrderFromProvider(",
    end: "}",
    withDocComment: true,
  },
  applyVerdict: {
    id: "apply-verdict",
    path: "lib/orders/state-machine.ts",
    start: "export function applyVerdict(",
    end: "}",
    withDocComment: true,
  },
} satisfies Record<string, ExcerptSpec>;

/** The browser side of opening the payment page, per mode. */
const OPEN_IN_BROWSER: Record<GuideMode, ExcerptSpec[]> = {
  redirect: [EXCERPTS.browserRedirect],
  popup: [EXCERPTS.browserPopup],
  iframe: [EXCERPTS.browserIframeOpen, EXCERPTS.browserIframeDialog],
};

/** Where the shopper lands after the return handler, and how the store's tab hears of it, per mode. */
const LANDING: Record<GuideMode, ExcerptSpec[]> = {
  redirect: [EXCERPTS.landingPath],
  popup: [EXCERPTS.landingPath, EXCERPTS.returnBridge, EXCERPTS.storePopupChannel, EXCERPTS.storePopupClosed],
  iframe: [EXCERPTS.landingPath, EXCERPTS.returnBridge, EXCERPTS.storeFrameMessage],
};

/** The numbered steps for one provider and mode, in the order a payment runs through them. */
export function guideSteps(provider: GuideProvider, mode: GuideMode): GuideStep[] {
  const stepPay = provider === "steppay";
  return [
    {
      id: "create",
      title: "guide.step.create.title",
      body: [stepPay ? "guide.step.create.body.steppay" : "guide.step.create.body.unifipay"],
      excerpts: stepPay ? [EXCERPTS.createOrderRoute, EXCERPTS.stepPayCreateOrder] : [EXCERPTS.createOrderRoute],
    },
    {
      id: "open",
      title: `guide.step.open.title.${mode}`,
      body: [stepPay ? "guide.step.open.body.steppay" : "guide.step.open.body.unifipay", `guide.step.open.browser.${mode}`],
      excerpts: [
        EXCERPTS.payRoute,
        ...(stepPay
          ? [EXCERPTS.stepPayReturnUrls, EXCERPTS.stepPayGetPayLink]
          : [EXCERPTS.unifiGatewayStart, EXCERPTS.unifiCreatePayment, EXCERPTS.unifiSignRequest]),
        ...OPEN_IN_BROWSER[mode],
      ],
    },
    {
      id: "return",
      title: stepPay ? "guide.step.return.title.steppay" : "guide.step.return.title.unifipay",
      body: [stepPay ? "guide.step.return.body.steppay" : "guide.step.return.body.unifipay", `guide.step.return.landing.${mode}`],
      excerpts: [
        ...(stepPay
          ? [EXCERPTS.stepPayReturnRoute, EXCERPTS.stepPayWebhookRoute, EXCERPTS.stepPayWebhookHandler, EXCERPTS.stepPayWebhookSignature]
          : [EXCERPTS.unifiReturnRoute, EXCERPTS.unifiCallbackRoute]),
        ...LANDING[mode],
      ],
    },
    {
      id: "verify",
      title: "guide.step.verify.title",
      body: [stepPay ? "guide.step.verify.body.steppay" : "guide.step.verify.body.unifipay"],
      excerpts: stepPay
        ? [EXCERPTS.stepPayGatewayVerify, EXCERPTS.stepPayGetOrder, EXCERPTS.stepPayVerifyOrder]
        : [EXCERPTS.unifiGatewayVerify, EXCERPTS.unifiGetPayment, EXCERPTS.unifiVerifyPayment],
    },
    {
      id: "paid",
      title: "guide.step.paid.title",
      body: ["guide.step.paid.body"],
      excerpts: [EXCERPTS.syncOrder, EXCERPTS.applyVerdict],
    },
  ];
}

/** Reads `?provider=&mode=` leniently: anything unknown falls back to the first choice. */
export function guideSelection(params: { provider?: string | string[]; mode?: string | string[] }): { provider: GuideProvider; mode: GuideMode } {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const provider = GUIDE_PROVIDERS.find((p) => p === one(params.provider)) ?? "steppay";
  const mode = GUIDE_MODES.find((m) => m === one(params.mode)) ?? "redirect";
  return { provider, mode };
}
