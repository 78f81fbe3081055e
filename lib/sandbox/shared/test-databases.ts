import { stepPayDb } from "@/lib/sandbox/steppay/database";
import { unifiSandboxDb } from "@/lib/sandbox/unifipay/db";
import { sharedSandboxDb } from "./database";

/**
 * Tests only: opens the in-memory database and runs the migrations a test file needs, in a
 * `beforeAll` with its own timeout, so start-up on a busy machine does not count against the
 * first test's 20 s.
 */
export const DATABASE_WARM_UP_MS = 60_000;

export async function openSandboxDatabases(wings: ReadonlyArray<"steppay" | "unifipay"> = ["steppay", "unifipay"]): Promise<void> {
  if (wings.includes("steppay")) await stepPayDb();
  if (wings.includes("unifipay")) await unifiSandboxDb();
  await sharedSandboxDb(); // the fault switch, read by both wings' APIs
}
