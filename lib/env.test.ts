import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, SANDBOX_DEFAULTS } from "./env";

const LIVE_UNIFI = {
  UNIFIPAY_API_BASE: "https://unifi.example",
  UNIFIPAY_APP_ID: "live-app",
  UNIFIPAY_API_KEY: "live-key",
  UNIFIPAY_APP_SECRET: "live-secret",
  UNIFIPAY_STORE_ID: "live-store",
};
function issuesOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (caught) {
    return (caught as ConfigError).issues;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the sandbox on a second origin", () => {
    const c = parseConfig({});
    expect(c.appOrigin).toBe("http://localhost:3000");
    expect(c.sandboxOrigin).toBe("http://127.0.0.1:3000");
    expect(c.steppay.apiBase).toBe("http://127.0.0.1:3000/sandbox/steppay");
    expect(c.steppay.usesSandbox).toBe(true);
    expect(c.steppay.webhookSecret).toBe(SANDBOX_DEFAULTS.steppayWebhookSecret);
    expect(c.unifipay.apiBase).toBe("http://127.0.0.1:3000/sandbox/unifipay");
  });

  it("talks to the real provider when configured, with no default webhook key", () => {
    const c = parseConfig({ STEPPAY_API_BASE: "https://api.steppay.kr/", STEPPAY_SECRET_TOKEN: "live-token", ...LIVE_UNIFI });
    expect(c.steppay.apiBase).toBe("https://api.steppay.kr");
    expect(c.steppay.usesSandbox).toBe(false);
    expect(c.steppay.webhookSecret).toBeUndefined();
    expect(c.unifipay.usesSandbox).toBe(false);
  });

  it("refuses one provider real and the other still on the sandbox (the emulator would take payments), unless a test setup allows it", () => {
    const live = { STEPPAY_API_BASE: "https://api.steppay.kr", STEPPAY_SECRET_TOKEN: "live-token" };
    expect(issuesOf(live)).toEqual([expect.stringMatching(/^STEPPAY_API_BASE points at a real provider while Unifi Pay is still this app's sandbox.*PAYMENT_PROVIDERS=steppay/)]);
    expect(issuesOf(LIVE_UNIFI)).toEqual([expect.stringMatching(/^UNIFIPAY_API_BASE points at a real provider while StepPay is still this app's sandbox/)]);
    expect(parseConfig({ ...live, SANDBOX_BESIDE_LIVE_PROVIDER: "allow" }).unifipay.usesSandbox).toBe(true);
    expect(issuesOf({ ...live, SANDBOX_BESIDE_LIVE_PROVIDER: "yes" })[0]).toMatch(/^SANDBOX_BESIDE_LIVE_PROVIDER/);
  });

  it("offers only the providers PAYMENT_PROVIDERS lists: one live provider with the other turned off is no mix", () => {
    const c = parseConfig({ STEPPAY_API_BASE: "https://api.steppay.kr", STEPPAY_SECRET_TOKEN: "live-token", PAYMENT_PROVIDERS: "steppay" });
    expect(c.steppay).toMatchObject({ enabled: true, usesSandbox: false });
    expect(c.unifipay.enabled).toBe(false);
    expect(parseConfig({}).unifipay.enabled).toBe(true); // both by default
    expect(issuesOf({ PAYMENT_PROVIDERS: "steppay,paypal" })[0]).toMatch(/^PAYMENT_PROVIDERS: must list steppay and\/or unifipay/);
    expect(issuesOf({ PAYMENT_PROVIDERS: " , " })[0]).toMatch(/^PAYMENT_PROVIDERS/);
  });

  it("refuses the sandbox's published webhook key against real StepPay", () => {
    const issues = issuesOf({ STEPPAY_API_BASE: "https://api.steppay.kr", STEPPAY_SECRET_TOKEN: "live-token", STEPPAY_WEBHOOK_SECRET: SANDBOX_DEFAULTS.steppayWebhookSecret, ...LIVE_UNIFI });
    expect(issues.map((issue) => issue.split(":")[0])).toEqual(["STEPPAY_WEBHOOK_SECRET"]);
  });

  it("refuses the sandbox's demo credentials against any other API base, naming each", () => {
    const error = (() => {
      try {
        parseConfig({ STEPPAY_API_BASE: "https://api.steppay.kr", UNIFIPAY_API_BASE: "https://unifi.example", UNIFIPAY_APP_ID: "live-app" });
      } catch (caught) {
        return caught as ConfigError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.issues.map((issue) => issue.split(":")[0]).sort()).toEqual(["STEPPAY_SECRET_TOKEN", "UNIFIPAY_API_KEY", "UNIFIPAY_APP_SECRET", "UNIFIPAY_STORE_ID"]);
    // The sandbox at another origin is still the sandbox when SANDBOX_ORIGIN says so.
    expect(parseConfig({ SANDBOX_ORIGIN: "http://127.0.0.1:4000", STEPPAY_API_BASE: "http://127.0.0.1:4000/sandbox/steppay" }).steppay.usesSandbox).toBe(true);
  });

  it("names every bad variable", () => {
    const threeBad = { APP_ORIGIN: "localhost", DATABASE_URL: "mysql://x", PROVIDER_TIMEOUT_MS: "5" };
    expect(() => parseConfig(threeBad)).toThrow(ConfigError);
    // issuesOf answers [] when nothing is thrown, so these fail if the configuration is accepted.
    expect(issuesOf(threeBad).map((issue) => issue.split(":")[0]).sort()).toEqual(["APP_ORIGIN", "DATABASE_URL", "PROVIDER_TIMEOUT_MS"]);
    const twoBad = { APP_ORIGIN: "http://shop.example/path", DATABASE_URL: "mysql://x" };
    expect(() => parseConfig(twoBad)).toThrow(/APP_ORIGIN: must be an origin only[\s\S]*DATABASE_URL: must be a postgres/);
    expect(issuesOf(twoBad).map((issue) => issue.split(":")[0]).sort()).toEqual(["APP_ORIGIN", "DATABASE_URL"]);
  });
});
