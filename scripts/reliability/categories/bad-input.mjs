/**
 * 6. Bad input: a seeded generator of malformed requests against every store route handler (and
 * the pages that take ids). Expected: only 3xx/4xx — the Unifi callback and the StepPay webhook
 * may also answer 200 when they ignore what they were sent, as designed —, JSON error bodies of
 * the shape { error: { code, message } } on JSON routes, Locations that stay on our origins,
 * never a 5xx, and never an order, refund or subscription change created from junk.
 */
import { randomUUID } from "node:crypto";
import net from "node:net";
import { hasErrorShape } from "../lib/checks.mjs";
import { pool, request, sleep } from "../lib/http.mjs";
import { mulberry32 } from "../lib/random.mjs";
import { CARDS, createOrder, getOrder, loadCatalog, openStepPay, orderBody, submitStepPay } from "../lib/shop.mjs";

export async function badInput(cat, store, { seed, count = 1200 } = {}) {
  cat.quiet = true; // a line per failure only
  const catalog = loadCatalog();
  const realOrder = await createOrder(store, "steppay");
  await openStepPay(store, realOrder.id);
  const realUnifi = await createOrder(store, "unifipay");
  const paidOrder = await createOrder(store, "steppay");
  await request(await submitStepPay(store, (await openStepPay(store, paidOrder.id)).token, CARDS.approved));
  const random = mulberry32(seed);
  const gen = makeGenerators(random, store, { realOrder, realUnifi, paidOrder, catalog });
  const weights = gen.map((g) => g.weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const requests = [];
  for (let i = 0; i < count; i++) {
    let roll = random() * totalWeight;
    let g = gen[0];
    for (const candidate of gen) {
      roll -= candidate.weight;
      if (roll < 0) {
        g = candidate;
        break;
      }
    }
    requests.push({ index: i, route: g.route, ...g.make() });
  }
  const started = Date.now();
  const byRoute = new Map();
  await pool(
    requests.map((r) => async () => {
      byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + 1);
      const res = await request(`${store.app}${r.path}`, { method: r.method, headers: r.headers, body: r.body, timeoutMs: 30_000 });
      await cat.run(`#${r.index} ${r.method} ${r.path.slice(0, 90)} (${r.what})`, (t) => judge(t, r, res, store));
    }),
    12,
  );
  cat.note(`${requests.length} generated requests (seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s: ${[...byRoute].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  await cat.run("the real orders used as targets are untouched (same status and total, nothing refunded)", async (t) => {
    for (const [o, status] of [
      [realOrder, "pending"],
      [realUnifi, "pending"],
      [paidOrder, "paid"],
    ]) {
      const read = await getOrder(store, o.id);
      if (!read) t.lost(`order ${o.id}`);
      else t.expect(read.status === status && read.totalAmount === o.totalAmount && read.refundedAmount === 0, `order ${o.id} is ${read.status} ${read.totalAmount}, refunded ${read.refundedAmount}`);
    }
  });
  await cat.run("a client that hangs up mid-body (checkout, Unifi callback, StepPay webhook): no failure logged by the store, and it keeps serving", async (t) => {
    const output = store.watchOutput();
    for (const path of ["/api/orders", "/api/payments/unifipay/callback", "/api/webhooks/steppay"]) {
      for (let i = 0; i < 3; i++) await hangUpMidBody(store.port, path, '{"items":[{"productId":"hanok-mug","quantity":1}');
    }
    await sleep(500); // the server's log lines for the aborted requests
    output.stop();
    const failures = output.lines.filter((line) => line.includes("[store]") && line.includes("failed"));
    t.expect(failures.length === 0, `the store logged its own failure for a client that left: ${failures[0]}`);
    const health = await request(`${store.app}/api/health`);
    t.expect(health.status === 200, `GET /api/health answered ${health.status} after the hang-ups`);
  });
}

/** A POST that declares more body than it sends, then closes the connection (a client gone mid-upload). */
function hangUpMidBody(port, path, partialBody) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: ${partialBody.length + 100}\r\n\r\n${partialBody}`);
      setTimeout(() => socket.destroy(), 150);
    });
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
}

function judge(t, r, res, store) {
  if (res.status === 0) return t.expect(false, `no answer (${res.error})`);
  if (res.status >= 500) return t.expect(false, `${res.status} ${res.text.slice(0, 120)}`);
  if (res.status >= 200 && res.status < 300) {
    if (r.allow2xx) return;
    const ignored = r.may200 && res.json?.ok === true && typeof res.json?.ignored === "string";
    if (!ignored) {
      if (r.mutates) t.wrong(`${res.status} ${res.text.slice(0, 120)}`);
      else t.expect(false, `answered ${res.status}, expected 3xx/4xx`);
    }
    return;
  }
  if (res.status >= 300 && res.status < 400) {
    if (!t.expect(res.location, `${res.status} without Location`)) return;
    const target = new URL(res.location, store.app);
    t.expect(target.origin === store.app || target.origin === store.sbx, `redirect leaves our origins: ${res.location}`);
    if (r.expect) t.expect(r.expect.includes(res.status), `answered ${res.status}, expected ${r.expect.join("/")}`);
    return;
  }
  // 4xx
  if (r.expect) t.expect(r.expect.includes(res.status), `answered ${res.status}, expected ${r.expect.join("/")} ${res.text.slice(0, 100)}`);
  if (r.json && res.status !== 405) t.expect(hasErrorShape(res), `4xx body is not {error:{code,message}}: ${res.headers.get("content-type")} ${res.text.slice(0, 100)}`);
}

// ---------------------------------------------------------------------------------------------
// Generators

const NASTY = [
  "",
  " ",
  "null",
  "undefined",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u0041",
  "🍵☕️🫖",
  "주문",
  "Ω≈ç√∫",
  "\ud83d", // lone surrogate
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "\\",
  "//evil.example",
  "https://evil.example/",
  "a".repeat(300),
  "\n\r\t",
];

function makeGenerators(random, store, { realOrder, realUnifi, paidOrder, catalog }) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => random() < p;
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&'()*+,;=:@%/?#[] \"<>\\^`{|}주문🍵é\u0000\u00ff";
  const randomString = (max = 40) => Array.from({ length: int(max) + 1 }, () => alphabet[int(alphabet.length)]).join("");
  const junkText = () => (chance(0.5) ? pick(NASTY) : randomString(chance(0.1) ? 400 : 40));
  const encode = (s) => {
    let encoded;
    try {
      encoded = encodeURIComponent(s);
    } catch {
      encoded = "x%ED%A0%BDx"; // a lone surrogate cannot be encoded: send its raw UTF-8 bytes instead
    }
    // Now and then leave a bare "%" in the path, to exercise percent-decoding of malformed input.
    return encoded.replace(/%25/g, chance(0.2) ? "%" : "%25");
  };
  const junkValue = (depth = 0) => {
    const kinds = ["string", "number", "bool", "null", "array", "object", "huge", "neg", "float"];
    switch (pick(depth > 2 ? kinds.slice(0, 4) : kinds)) {
      case "string":
        return junkText();
      case "number":
        return int(1e9);
      case "bool":
        return chance(0.5);
      case "null":
        return null;
      case "array":
        return Array.from({ length: int(4) }, () => junkValue(depth + 1));
      case "object":
        return Object.fromEntries(Array.from({ length: int(4) }, () => [junkText().slice(0, 20), junkValue(depth + 1)]));
      case "huge":
        return 2 ** 53 + int(1000);
      case "neg":
        return -int(1000) - 1;
      case "float":
        return random() * 10;
    }
  };
  const products = catalog.map((p) => p.id);
  const oneTime = catalog.filter((p) => p.kind === "one_time").map((p) => p.id);
  const subscriptionProducts = catalog.filter((p) => p.kind === "subscription").map((p) => p.id);
  const validBody = () => orderBody(chance(0.5) ? "steppay" : "unifipay", [{ productId: pick(oneTime), quantity: 1 + int(3) }]);
  const json = { "content-type": "application/json" };

  // Each mutation returns a body that the schema must refuse.
  const orderMutations = [
    ["provider is junk", (b) => ({ ...b, provider: pick([junkValue(), "paypal", "STEPPAY", "step pay", "", 1, null, ["steppay"], { steppay: true }]) })],
    ["provider missing", ({ provider, ...rest }) => rest],
    ["customer missing", ({ customer, ...rest }) => rest],
    ["customer is not an object", (b) => ({ ...b, customer: pick(["Kim", 1, null, [], [b.customer], true]) })],
    ["customer name empty or blank", (b) => ({ ...b, customer: { ...b.customer, name: pick(["", "   ", "\t\n"]) } })],
    ["customer name too long", (b) => ({ ...b, customer: { ...b.customer, name: "김".repeat(101 + int(500)) } })],
    ["customer name with control characters", (b) => ({ ...b, customer: { ...b.customer, name: `Kim${pick(["\u0000", "\u0001", "\u001b[31m", "\u007f", "\n", "\u0000\u0000"])}Minji` } })],
    ["customer name wrong type", (b) => ({ ...b, customer: { ...b.customer, name: pick([1, null, true, [], {}, ["x"]]) } })],
    ["email invalid", (b) => ({ ...b, customer: { ...b.customer, email: pick(["not-an-email", "a@", "@b.c", "a b@c.d", "주문@", "<x>@y", "x@y@z", "🍵", "", junkText().replace(/@/g, "")]) } })],
    ["email too long", (b) => ({ ...b, customer: { ...b.customer, email: `${"a".repeat(250)}@example.com` } })],
    ["email wrong type", (b) => ({ ...b, customer: { ...b.customer, email: pick([1, null, true, [], {}]) } })],
    ["customer has an unknown field", (b) => ({ ...b, customer: { ...b.customer, isAdmin: true } })],
    ["items missing", ({ items, ...rest }) => rest],
    ["items empty", (b) => ({ ...b, items: [] })],
    ["items is an object", (b) => ({ ...b, items: b.items[0] })],
    ["items is a string or number", (b) => ({ ...b, items: pick(["hanok-mug", 3, true, null]) })],
    ["too many lines", (b) => ({ ...b, items: Array.from({ length: 21 + int(30) }, () => ({ productId: pick(oneTime), quantity: 1 })) })],
    ["item is not an object", (b) => ({ ...b, items: [pick(["hanok-mug", 1, null, true, ["hanok-mug", 1]])] })],
    ["item without productId", (b) => ({ ...b, items: [{ quantity: 1 }] })],
    ["item without quantity", (b) => ({ ...b, items: [{ productId: pick(oneTime) }] })],
    ["unknown product", (b) => ({ ...b, items: [{ productId: `${pick(["", "x-", "HANOK-MUG", "hanok-mug ", "hanok_mug"])}${junkText().slice(0, 30)}zz`, quantity: 1 }] })],
    ["productId wrong type", (b) => ({ ...b, items: [{ productId: pick([1, null, true, [], {}, ["hanok-mug"]]), quantity: 1 }] })],
    ["productId too long", (b) => ({ ...b, items: [{ productId: "p".repeat(65 + int(1000)), quantity: 1 }] })],
    ["quantity zero or negative", (b) => ({ ...b, items: [{ productId: pick(oneTime), quantity: pick([0, -1, -0, -100, -(2 ** 53)]) }] })],
    ["quantity fractional", (b) => ({ ...b, items: [{ productId: pick(oneTime), quantity: pick([1.5, 0.1, 2.0000001, 9.99]) }] })],
    ["quantity huge", (b) => ({ ...b, items: [{ productId: pick(oneTime), quantity: pick([11, 100, 2 ** 31, 2 ** 53, 1e308]) }] })],
    ["quantity wrong type", (b) => ({ ...b, items: [{ productId: pick(oneTime), quantity: pick(["1", "one", null, true, [1], { n: 1 }, ""]) }] })],
    ["same product over the limit across lines", (b) => ({ ...b, items: [{ productId: "hanok-mug", quantity: 6 }, { productId: "hanok-mug", quantity: 5 + int(5) }] })],
    ["item has a price field", (b) => ({ ...b, items: [{ ...b.items[0], unitAmount: 1 }] })],
    ["client-side total", (b) => ({ ...b, totalAmount: 1 })],
    ["unknown top-level field", (b) => ({ ...b, [pick(["price", "status", "paid", "amount", "id", "discount"])]: junkValue() })],
    ["subscription product with Unifi Pay", () => orderBody("unifipay", [{ productId: pick(subscriptionProducts.length ? subscriptionProducts : products), quantity: 1 }])],
    ["Unifi Pay without countryCode", () => ({ ...orderBody("unifipay"), countryCode: undefined })],
    ["countryCode invalid", (b) => ({ ...orderBody("unifipay"), customer: b.customer, countryCode: pick(["US", "ZZZ", "USAA", "", "123", 840, null, ["USA"], "🇺🇸"]) })],
    ["locale invalid", (b) => ({ ...b, locale: pick(["fr", "EN", "", 1, null, "ko-KR"]) })],
    ["deeply nested junk in customer", (b) => ({ ...b, customer: nest(40 + int(200)) })],
  ];

  function nest(depth) {
    let value = { name: "x" };
    for (let i = 0; i < depth; i++) value = { inner: value };
    return value;
  }

  const rawBodies = [
    ["invalid JSON: truncated", () => JSON.stringify(validBody()).slice(0, -1 - int(10))],
    ["invalid JSON: trailing comma", () => '{"provider":"steppay",}'],
    ["invalid JSON: single quotes", () => "{'provider':'steppay'}"],
    ["invalid JSON: NaN", () => '{"provider":"steppay","items":[{"productId":"hanok-mug","quantity":NaN}]}'],
    ["invalid JSON: random bytes", () => Buffer.from(Array.from({ length: 1 + int(200) }, () => int(256)))],
    ["invalid UTF-8 in a string", () => Buffer.concat([Buffer.from('{"provider":"steppay","customer":{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","email":"x@example.com"},"items":[]}')])],
    ["empty body", () => ""],
    ["whitespace body", () => "  \n\t "],
    ["JSON array", () => JSON.stringify([validBody()])],
    ["JSON scalar", () => pick(["1", "true", "null", '"steppay"', "[]", "{}"])],
    ["deeply nested arrays (20,000 levels)", () => "[".repeat(20_000) + "]".repeat(20_000)],
    ["deeply nested objects (5,000 levels)", () => '{"a":'.repeat(5000) + "1" + "}".repeat(5000)],
    ["oversized body (70 KiB)", () => JSON.stringify({ ...validBody(), customer: { name: "x".repeat(70 * 1024), email: "a@example.com" } })],
    ["form-encoded body", () => "provider=steppay&customer[name]=Kim&items[0][productId]=hanok-mug&items[0][quantity]=1"],
    ["duplicate keys (valid first, junk last)", () => '{"provider":"steppay","provider":"paypal","customer":{"name":"K","email":"k@example.com"},"items":[{"productId":"hanok-mug","quantity":1}]}'],
    ["__proto__ key", () => '{"__proto__":{"isAdmin":true},"provider":"steppay","customer":{"name":"K","email":"k@example.com"},"items":[{"productId":"hanok-mug","quantity":1}]}'],
  ];

  const contentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/json; charset=latin1"];

  const ids = () =>
    pick([
      randomUUID(), // well-formed, unknown
      randomUUID().toUpperCase(),
      `${randomUUID()}x`,
      randomUUID().replace(/-/g, ""),
      encode(junkText()) || "x",
      "%E0%A4%A",
      "%C0%AF",
      "..%2F..%2Fetc%2Fpasswd",
      "%00",
      "1",
      "-1",
      "0",
      "null",
      "a".repeat(500),
      encodeURIComponent("주문"),
      encodeURIComponent("🍵"),
    ]);
  const modes = () => pick(["", "REDIRECT", "popups", "frame", "javascript:alert(1)", encode(junkText()) || "x", "redirect%00", "..", "%2e%2e", "https:%2F%2Fevil.example"]);
  const outcomes = () => pick(["", "succes", "SUCCESS", "paid", "fail", encode(junkText()) || "y", "..", "success%00"]);
  const codes = () => pick(["", `order_${randomString(9).replace(/[^A-Za-z0-9]/g, "a")}`, encode(junkText()), "a".repeat(101 + int(5000)), "%E0%A4%A", encodeURIComponent("//evil.example")]);

  return [
    {
      route: "POST /api/orders (bad fields)",
      weight: 260,
      make() {
        const [what, mutate] = pick(orderMutations);
        const body = mutate(validBody());
        return { what, method: "POST", path: "/api/orders", headers: json, body: JSON.stringify(body), json: true, mutates: true, expect: [400, 413] };
      },
    },
    {
      route: "POST /api/orders (bad bodies)",
      weight: 110,
      make() {
        const [what, body] = pick(rawBodies);
        return { what, method: "POST", path: "/api/orders", headers: json, body: body(), json: true, mutates: true, expect: [400, 413] };
      },
    },
    {
      route: "POST /api/orders (content types)",
      weight: 40,
      make() {
        const type = pick(contentTypes);
        const [what, body] = pick(rawBodies.filter(([name]) => !name.startsWith("JSON")));
        return { what: `${what}, content-type "${type}"`, method: "POST", path: "/api/orders", headers: type ? { "content-type": type } : {}, body: body(), json: true, mutates: true, expect: [400, 413] };
      },
    },
    { route: "GET /api/orders/{id}", weight: 70, make: () => ({ what: "junk id", method: "GET", path: `/api/orders/${ids()}`, json: true, expect: [400, 404] }) },
    { route: "GET /api/orders/{id}/timeline", weight: 40, make: () => ({ what: "junk id", method: "GET", path: `/api/orders/${ids()}/timeline`, json: true, expect: [400, 404] }) },
    {
      route: "GET /api/orders/{id}/pay",
      weight: 70,
      make() {
        if (chance(0.5)) return { what: "bad mode on a real order", method: "GET", path: `/api/orders/${pick([realOrder.id, realUnifi.id])}/pay?mode=${modes()}`, json: true, expect: [400] };
        return { what: "junk id", method: "GET", path: `/api/orders/${ids()}/pay?mode=${pick(["redirect", "popup", "iframe"])}`, json: true, expect: [400, 404] };
      },
    },
    {
      route: "GET /api/payments/steppay/{mode}/{outcome}",
      weight: 110,
      make() {
        const validPath = chance(0.5);
        const mode = validPath ? pick(["redirect", "popup", "iframe"]) : modes();
        const outcome = validPath ? pick(["success", "error", "cancel"]) : outcomes();
        const query = `order_id=${encode(junkText())}&order_code=${codes()}&status=${pick(["success", "error", "cancel", "paid", encode(junkText())])}`;
        const path = `/api/payments/steppay/${mode || "x"}/${outcome || "y"}`;
        // A dot segment makes the URL leave the route (Next normalises it: 308, or its own 404 page).
        const leavesRoute = /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path.slice("/api/payments/steppay".length));
        return { what: validPath ? "junk order_code" : "junk mode/outcome", method: "GET", path: `${path}?${query}`, json: !leavesRoute, expect: validPath ? [303] : [303, 308, 400, 404] };
      },
    },
    {
      route: "GET /api/payments/unifipay/{mode}/return",
      weight: 80,
      make() {
        const validMode = chance(0.5);
        const tx = pick([randomUUID(), encode(junkText()), "a".repeat(101 + int(3000)), "", "%E0%A4%A", encodeURIComponent("https://evil.example")]);
        const mode = validMode ? pick(["redirect", "popup", "iframe"]) : modes() || "x";
        const leavesRoute = /^(\.|%2e){1,2}$/i.test(mode);
        return { what: validMode ? "junk transactionId" : "junk mode", method: "GET", path: `/api/payments/unifipay/${mode}/return?transactionId=${tx}`, json: !leavesRoute, expect: validMode ? [303] : [303, 308, 400, 404] };
      },
    },
    {
      route: "POST /api/payments/unifipay/callback",
      weight: 80,
      make() {
        const bodies = [
          () => JSON.stringify(junkValue()),
          () => JSON.stringify({ transactionId: pick([randomUUID(), junkText(), 1, null, "x".repeat(200), [], {}]), orderId: realUnifi.id, status: "CONFIRMED", type: "PURCHASE" }),
          () => JSON.stringify({ transactionId: "", status: "CONFIRMED" }),
          () => JSON.stringify({ transactionId: `${randomUUID()}${pick(["\u0000", "\u0000x", " ", "\n", "/../x", "%00"])}`, status: "CONFIRMED" }),
          () => pick(rawBodies)[1](),
          () => JSON.stringify({ transactionId: randomUUID(), pad: "x".repeat(17 * 1024) }),
        ];
        return { what: "junk callback", method: "POST", path: "/api/payments/unifipay/callback", headers: json, body: pick(bodies)(), json: true, may200: true, expect: [400, 413] };
      },
    },
    {
      route: "POST /api/webhooks/steppay",
      weight: 80,
      make() {
        const ts = Math.floor(Date.now() / 1000);
        const bodies = [
          () => JSON.stringify(junkValue()),
          () => JSON.stringify({ timestamp: ts, version: "v1", event: pick(["payment.completed", "order.updated", junkText()]), data: { orderCode: realOrder.id } }),
          () => pick(rawBodies)[1](),
          () => JSON.stringify({ webHookType: junkText(), orderId: pick([-1, 0, "12", null, 1.5]) }),
        ];
        const headers = { ...json };
        if (chance(0.6)) headers["Steppay-Signature"] = pick([`timestamp=${ts},key=${Buffer.from(junkText()).toString("base64")}`, junkText().replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, ""), `timestamp=${ts}`, `key=abc`, ""]);
        return { what: "junk webhook", method: "POST", path: "/api/webhooks/steppay", headers, body: pick(bodies)(), json: true, may200: true, expect: [400, 401, 413] };
      },
    },
    {
      route: "POST /api/orders/{id}/refund",
      weight: 80,
      make() {
        const bodies = [
          () => JSON.stringify({ amount: pick([0, -1, 1.5, "100", null, true, [], {}, 2 ** 53 + 2, 1e308, "1e3"]) }),
          () => JSON.stringify({}),
          () => JSON.stringify({ amount: 1, reason: "r".repeat(201 + int(500)) }),
          () => JSON.stringify({ amount: 1, reason: 5 }),
          () => JSON.stringify({ amount: 1, extra: true }),
          () => JSON.stringify({ amount: 1, pad: "x".repeat(5000) }),
          () => pick(rawBodies)[1](),
        ];
        const realTarget = chance(0.6);
        const body = realTarget ? pick(bodies)() : JSON.stringify({ amount: 1 });
        return { what: realTarget ? "junk refund body" : "refund of a junk order id", method: "POST", path: `/api/orders/${realTarget ? realOrder.id : ids()}/refund`, headers: json, body, json: true, mutates: true, expect: [400, 404, 409, 413] };
      },
    },
    {
      route: "POST /api/orders/{paid id}/refund (control characters)",
      weight: 12,
      make() {
        const reason = `refund${pick(["\u0000", "\u0000\u0000", "\u0001", "\u001b[2J", "\u007f"])}please`;
        return { what: "refund of a paid order with a control character in the reason", method: "POST", path: `/api/orders/${paidOrder.id}/refund`, headers: json, body: JSON.stringify({ amount: 1, reason }), json: true, mutates: true, expect: [400] };
      },
    },
    {
      route: "GET /api/subscriptions",
      weight: 50,
      make() {
        const tokens = [
          null,
          "",
          junkText(),
          `${Buffer.from("victim@example.com").toString("base64url")}.9999999999.${Buffer.from(junkText()).toString("base64url")}`,
          `${Buffer.from("victim@example.com").toString("base64url")}.1.abc`,
          "a.b.c",
          "x".repeat(1001 + int(3000)),
          `${Buffer.from("victim@example.com").toString("base64url")}.${"9".repeat(13)}.abc`,
        ];
        const token = pick(tokens);
        const headers = token === null ? {} : { "X-Subscriber-Token": token.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, "") };
        return { what: "junk subscriber token", method: "GET", path: "/api/subscriptions", headers, json: true, expect: [401] };
      },
    },
    {
      route: "POST /api/subscriptions/{id}/{action}",
      weight: 50,
      make() {
        const id = pick(["1", "999999", "abc", "-1", "1e3", "0x10", "9999999999", encode(junkText()) || "z", "%E0%A4%A"]);
        const action = pick(["cancel-now", "cancel-end-of-period", "pause", "resume", "delete", "renew", encode(junkText()) || "w", "CANCEL-NOW"]);
        const headers = { ...json, "X-Subscriber-Token": pick(["", "a.b.c", `${Buffer.from("v@example.com").toString("base64url")}.9999999999.sig`]) };
        return { what: "junk subscription action", method: "POST", path: `/api/subscriptions/${id}/${action}`, headers, body: "{}", json: true, mutates: true, expect: [400, 401, 404] };
      },
    },
    {
      route: "unsupported methods",
      weight: 30,
      make() {
        const target = pick(["/api/orders", `/api/orders/${realOrder.id}`, "/api/payments/unifipay/callback", "/api/webhooks/steppay", `/api/orders/${realOrder.id}/refund`, "/api/subscriptions", "/api/health"]);
        return { what: "wrong method", method: pick(["PUT", "DELETE", "PATCH"]), path: target, headers: json, body: "{}", json: true, mutates: true, expect: [405] };
      },
    },
    {
      route: "pages with junk ids",
      weight: 40,
      make() {
        const pages = [
          // An id that names nothing: 404 (400 for malformed percent-encoding).
          () => ({ what: "order page, junk id", path: `/orders/${ids()}`, expect: [400, 404] }),
          () => ({ what: "landing page, junk id", path: `/orders/${ids()}/return?mode=${modes()}`, expect: [400, 404] }),
          () => ({ what: "product page, junk id", path: `/products/${ids()}`, expect: [400, 404] }),
          // A real order with junk in the query still renders (and never 5xx; 400 only for
          // percent-encoding that is not UTF-8, refused by the framework).
          () => ({ what: "landing page, junk mode", path: `/orders/${realOrder.id}/return?mode=${modes()}`, allow2xx: true, expect: [200, 400] }),
          () => ({ what: "order page, junk payError", path: `/orders/${realOrder.id}?payError=${encode(junkText())}&syncError=${encode(junkText())}`, allow2xx: true, expect: [200, 400] }),
          // The subscriptions page explains an invalid link on the page itself.
          () => ({ what: "subscriptions page, junk token", path: `/subscriptions/${encode(junkText()) || "t"}`, allow2xx: true, expect: [200, 400] }),
        ];
        return { method: "GET", json: false, ...pick(pages)() };
      },
    },
  ];
}
