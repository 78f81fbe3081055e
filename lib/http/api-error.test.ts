import { describe, expect, it } from "vitest";
import { ApiError, readJsonBody, readTextCapped } from "./api-error";

/** A POST whose body stream sends `sent` and then fails with `failure` (Node's, when the client disconnects: "aborted", ECONNRESET). */
function failingRequest(sent: string, failure: Error = Object.assign(new Error("aborted"), { code: "ECONNRESET" })): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sent));
    },
    pull(controller) {
      controller.error(failure);
    },
  });
  return new Request("http://store.test/api/orders", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("reading a request body", () => {
  it("answers a body cut off by the client as a 400 request_aborted, not an unexpected error", async () => {
    const error = await readJsonBody(failingRequest('{"items":[')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "request_aborted" });
  });

  it("lets any other read failure through as it is (the store's own, not the client's)", async () => {
    const ours = new Error("decoder exploded");
    await expect(readJsonBody(failingRequest('{"items":[', ours))).rejects.toBe(ours);
  });

  it("still reads a whole body, and still refuses one over the cap with 413", async () => {
    const whole = new Request("http://store.test/x", { method: "POST", body: '{"a":1}' });
    expect(await readJsonBody(whole)).toEqual({ a: 1 });
    const large = new Request("http://store.test/x", { method: "POST", body: "x".repeat(20) });
    await expect(readTextCapped(large, 10)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
  });
});
