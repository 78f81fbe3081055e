import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A provider of our own on a local port, standing where the sandbox would be: SANDBOX_ORIGIN is
 * pointed at it and the store's configuration parsed again, so the provider clients call it over
 * real HTTP. Without a handler nothing listens there (every call is refused at once).
 * Call from a test file's beforeAll; `close` in its afterAll.
 */
export async function standInProvider(handler?: RequestListener): Promise<{ close: () => Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  if (!handler) await close();
  process.env.SANDBOX_ORIGIN = `http://127.0.0.1:${port}`;
  delete (globalThis as { __storeConfig?: unknown }).__storeConfig;
  return { close };
}
