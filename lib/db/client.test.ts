import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): the embedded database, one connection.
describe("the embedded database", () => {
  it("refuses a query made on the database handle from inside an open transaction, instead of hanging", async () => {
    const db = await getDb();
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await db.execute(sql`select 2`); // the mistake: not the transaction's handle
    });
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught as Error & { cause?: Error },
    );
    // drizzle wraps it ("Failed query: select 2"); the reason is the cause.
    expect(`${error?.message} ${error?.cause?.message}`).toMatch(/outside the open transaction/);
    // The transaction was rolled back and the database is usable.
    const rows = await db.execute(sql`select 3 as n`);
    expect(JSON.stringify(rows)).toContain("3");
  });

  it("lets work started inside a transaction query once the transaction is over", async () => {
    const db = await getDb();
    let later: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => db.execute(sql`select 4 as n`));
    });
    await expect(later).resolves.toBeDefined();
  });

  it("still runs ordinary transactions and queries side by side", async () => {
    const db = await getDb();
    const results = await Promise.all([
      db.transaction(async (tx) => tx.execute(sql`select 5 as n`)),
      db.execute(sql`select 6 as n`),
      db.transaction(async (tx) => tx.execute(sql`select 7 as n`)),
    ]);
    expect(JSON.stringify(results)).toMatch(/5[\s\S]*6[\s\S]*7/);
  });
});
