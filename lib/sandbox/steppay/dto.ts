import type {
  CancellationRow,
  CustomerRow,
  OrderItemRow,
  OrderRow,
  PaymentRow,
  PriceRow,
  ProductRow,
  SubscriptionRow,
} from "./schema";
import { toStepPayTimestamp as ts } from "./timestamps";

/**
 * The sandbox's rows rendered as StepPay's response bodies (CustomerV1DTO, ProductV1DTO, PriceV1DTO,
 * OrderV1DTO, SubscriptionV1DTO), shaped like the examples in StepPay's docs. Fields the sandbox
 * does not model (shipping, discounts, options, trials...) carry the docs' neutral values.
 */

// StepPay puts the merchant's vendor uuid on products; the sandbox has a single merchant.
const SANDBOX_VENDOR_UUID = "5a3d0b7e-0000-4000-8000-5a3d0b7e57e9";

export function customerDto(customer: CustomerRow) {
  return {
    id: customer.id,
    uuid: customer.uuid,
    status: "NORMAL",
    username: customer.username,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    shipping: null,
    code: customer.code,
    marketingSms: false,
    marketingEmail: false,
    marketingKakao: false,
    attributes: {},
    createdAt: ts(customer.createdAt),
  };
}

export function priceDto(price: PriceRow) {
  return {
    id: price.id,
    code: price.code,
    price: price.price,
    unit: price.unit,
    planName: price.planName,
    planDescription: price.planDescription,
    type: price.type,
    enabledFirstSalePrice: false,
    firstSalePrice: 0,
    claimMethodType: "PRE",
    whenToClaimType: "FIRST_PAYMENT",
    billingDate: 0,
    maximumPurchaseQuantity: price.maximumPurchaseQuantity,
    membershipExpirationDate: 0,
    membershipExpirationDateType: null,
    setupOption: null,
    options: [],
    volumes: [],
    additionalBilling: null,
    recurring: price.recurring ? { id: price.id, ...price.recurring } : null,
    createdAt: ts(price.createdAt),
    modifiedAt: ts(price.modifiedAt),
    plan: {
      name: price.planName,
      description: price.planDescription,
      detailDescription: price.planDetailDescription,
      isHiddenFromShop: price.isHiddenFromShop,
      adminName: null,
    },
    firstSale: { enabled: false, price: 0 },
    claim: { methodType: "PRE", whenToClaimType: "FIRST_PAYMENT", billingDate: 0, provideStartDay: null },
    basicServing: 0,
    bundlePrices: [],
    onetimeBundlePrice: 0,
    order: 0,
  };
}

export function productDto(product: ProductRow, prices: PriceRow[]) {
  return {
    id: product.id,
    code: product.code,
    type: product.type,
    status: product.status,
    name: product.name,
    subTitle: product.subTitle,
    featuredImageUrl: product.featuredImageUrl,
    imageUrls: product.imageUrls,
    description: product.description,
    summary: product.summary,
    reasonOfReject: null,
    sku: product.sku,
    quantity: null,
    combinedProducts: [],
    optionGroups: [],
    useCombination: false,
    optionCombinations: [],
    prices: prices.filter((price) => price.productId === product.id).map(priceDto),
    createdAt: ts(product.createdAt),
    modifiedAt: ts(product.modifiedAt),
    enabledDemo: false,
    demoPeriod: 0,
    demoPeriodUnit: "DAY",
    categories: [],
    vendorUuid: SANDBOX_VENDOR_UUID,
    productOrder: 0,
    isOnetimePurchasable: false,
    eventBadge: [],
    notice: null,
    useWidget: { useDemo: false, useEventBadge: false, useOnetimePurchasable: false, useNotice: false },
    groupId: null,
    countrySetting: null,
    availableRegions: [],
  };
}

/** Everything needed to render one order. */
export type OrderBundle = {
  order: OrderRow;
  customer: CustomerRow;
  items: OrderItemRow[];
  products: ProductRow[];
  /** Every price of every product in the order (a product body lists all its prices). */
  prices: PriceRow[];
  /** The latest payment attempt, or null before the first one. */
  payment: PaymentRow | null;
  cancellations: CancellationRow[];
  /** Subscriptions this order started (RECURRING_INITIAL, once paid). */
  subscriptions: SubscriptionRow[];
  /** The subscription a renewal order renews. */
  parentSubscription: SubscriptionRow | null;
  receiptUrl: string;
};

/**
 * StepPay's `productName`: the docs' example reads "Basic Product (Basic Plan)", and a multi-item
 * order is summarised the Korean way, "<first item> 외 N건" (and N more).
 */
export function orderProductName(items: Pick<OrderItemRow, "orderedProductName" | "orderedPlanName">[]): string {
  const first = items[0];
  if (!first) return "";
  const name = `${first.orderedProductName} (${first.orderedPlanName})`;
  return items.length > 1 ? `${name} 외 ${items.length - 1}건` : name;
}

export function orderItemDto(item: OrderItemRow, bundle: Pick<OrderBundle, "products" | "prices">) {
  const product = bundle.products.find((p) => p.id === item.productId);
  const price = bundle.prices.find((p) => p.id === item.priceId);
  return {
    id: item.id,
    code: item.code,
    paidAmount: item.paidAmount,
    currency: item.currency,
    quantity: item.minimumQuantity,
    price: price ? priceDto(price) : null,
    product: product ? productDto(product, bundle.prices) : null,
    type: "SKU",
    status: item.status,
    featuredImageUrl: product?.featuredImageUrl ?? "",
    selectedProductOptionLabel: "",
    selectedProductOptionIds: item.selectedProductOptionIds,
    createdAt: ts(item.createdAt),
    canceledDateTime: ts(item.canceledAt),
    orderItemCode: item.code,
    modifiedAt: ts(item.modifiedAt),
    orderedProductType: item.orderedProductType,
    orderedProductName: item.orderedProductName,
    orderedPlanName: item.orderedPlanName,
    discountName: null,
    relatedOrderItemId: null,
    priceSetupType: null,
    demoCycle: null,
    usedCount: null,
    usageFormula: null,
    deliveryCode: null,
    histories: null,
    minimumQuantity: item.minimumQuantity,
    maximumQuantity: item.maximumQuantity,
    parentOrderItemCode: null,
    unitChangeHistory: null,
    unitCount: null,
  };
}

function paymentDto(bundle: OrderBundle) {
  const { payment, order, customer } = bundle;
  if (!payment) return null;
  const approved = payment.outcome === "APPROVED";
  return {
    paymentMethod: payment.paymentMethod,
    paymentDate: approved ? ts(order.paymentDate ?? payment.createdAt) : null,
    amount: payment.amount,
    discount: 0,
    paymentReturn: null,
    paymentReceiptUrl: approved ? bundle.receiptUrl : null,
    paymentGateway: payment.paymentGateway,
    cardNumber: payment.cardNumberMasked,
    vbankDTO: null,
    niceCmsDTO: null,
    customerDTO: { name: customer.name, email: customer.email, phone: customer.phone },
    errorCode: payment.errorCode,
    errorMessage: payment.errorMessage,
  };
}

/** SubscriptionItemV1DTO, for a subscription's single item. */
function subscriptionItemDto(subscription: SubscriptionRow, product: ProductRow | undefined, price: PriceRow | undefined) {
  return {
    id: subscription.id,
    code: `subscription_item_${subscription.id}`,
    productName: product?.name ?? "",
    productType: product?.type ?? "SOFTWARE",
    isOnetimePurchasable: false,
    featuredImageUrl: product?.featuredImageUrl ?? "",
    selectedProductOptionLabel: "",
    selectedProductOptionIds: [],
    selectedProductOptionPrice: 0,
    plan: price
      ? { name: price.planName, description: price.planDescription, detailDescription: price.planDetailDescription, isHiddenFromShop: price.isHiddenFromShop, adminName: null }
      : null,
    price: subscription.unitPrice,
    quantity: subscription.quantity,
    isAdditional: false,
    keepWhenRenew: true,
    hasOptions: false,
    maximumPurchaseQuantity: price?.maximumPurchaseQuantity ?? 0,
    productCode: product?.code ?? null,
    priceCode: price?.code ?? null,
    type: "SKU",
    claimMethodType: "PRE",
    priceType: price?.type ?? "FLAT",
    selectedOptions: [],
    parentSubscriptionItemCode: null,
  };
}

/** OrderSubscriptionV1DTO: the subscription as an order shows it. */
export function orderSubscriptionDto(subscription: SubscriptionRow, products: ProductRow[], prices: PriceRow[]) {
  const product = products.find((p) => p.id === subscription.productId);
  const price = prices.find((p) => p.id === subscription.priceId);
  return {
    id: subscription.id,
    status: subscription.status,
    items: [subscriptionItemDto(subscription, product, price)],
    price: price ? priceDto(price) : null,
    startDate: ts(subscription.startDate),
    lastPaymentDate: ts(subscription.lastPaymentDate),
    nextPaymentDate: ts(subscription.nextPaymentDate),
    endDate: ts(subscription.endDate),
    interval: subscription.interval,
    intervalCount: subscription.intervalCount,
    trialEndDate: null,
  };
}

export function orderDto(bundle: OrderBundle) {
  const { order } = bundle;
  return {
    id: order.id,
    orderId: order.id,
    orderCode: order.code,
    type: order.type,
    paidAmount: order.paidAmount,
    returnedAmount: order.returnedAmount,
    // "남은 금액": what is left of the payment after refunds (0 before payment, as in the docs'
    // example of a new order).
    leftAmount: order.paidAmount - order.returnedAmount,
    discountedAmount: order.discountedAmount,
    productName: orderProductName(bundle.items),
    items: bundle.items.map((item) => orderItemDto(item, bundle)),
    customer: customerDto(bundle.customer),
    paymentDate: ts(order.paymentDate),
    paymentDueDate: null,
    purchaseDeadline: ts(order.purchaseDeadline),
    shipping: null,
    createdAt: ts(order.createdAt),
    modifiedAt: ts(order.modifiedAt),
    payment: paymentDto(bundle),
    orderLogs: bundle.cancellations.map((c) => ({
      id: c.id,
      type: "V1",
      content: c.amount > 0 ? `환불 ${c.amount}원${c.reason ? `: ${c.reason}` : ""}` : `주문 취소${c.reason ? `: ${c.reason}` : ""}`,
      createdAt: ts(c.createdAt),
    })),
    code: order.code,
    idKey: order.idKey,
    subscriptions: bundle.subscriptions.map((s) => orderSubscriptionDto(s, bundle.products, bundle.prices)),
    parentSubscription: bundle.parentSubscription
      ? orderSubscriptionDto(bundle.parentSubscription, bundle.products, bundle.prices)
      : null,
    relatedOrders: [],
    calculateStartDate: null,
    calculateEndDate: null,
    childOrders: [],
    invoiceId: null,
    paymentMethod: null,
    currency: order.currency,
    exchangeRate: 1,
    region: { name: "KR", currencies: ["KRW"], country: "South Korea", countryCode: "KR", state: null, language: "ko" },
    baseCurrency: "KRW",
  };
}

/** RelatedOrder: an order as a subscription lists it. */
export function relatedOrderDto(order: OrderRow, items: OrderItemRow[]) {
  return {
    id: order.id,
    code: order.code,
    orderCode: order.code,
    orderType: order.type,
    productName: orderProductName(items),
    paidAmount: order.paidAmount,
    paymentDate: ts(order.paymentDate),
    items: items.map((item) => ({
      id: item.id,
      code: item.code,
      productName: item.orderedProductName,
      planName: item.orderedPlanName,
      status: item.status,
      paidAmount: item.paidAmount,
    })),
    createdAt: ts(order.createdAt),
  };
}
