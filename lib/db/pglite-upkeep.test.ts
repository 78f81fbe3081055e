import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { startUpkeep, tablesDueForUpkeep, upkeepOnce } from "./pglite-upkeep";

const sizes = async (db: PGlite) =>
  (
    await db.query<{ relname: string; reltuples: number; relpages: number }>(
      `select relname, reltuples::float8 as reltuples, relpages from pg_class where relname in ('grown', 'empty') order by relname`,
    )
  ).rows;

describe("the embedded database's upkeep (autovacuum's job, which PGlite has no worker for)", () => {
  let db: PGlite | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("analyzes a table that holds data and was never analyzed, and leaves empty tables alone", async () => {
    db = new PGlite();
    await db.exec(`create table grown (id serial primary key, v int); create table empty (id int);`);
    await db.exec(`insert into grown (v) select g from generate_series(1, 20000) g`);
    expect(await sizes(db)).toEqual([
      { relname: "empty", reltuples: -1, relpages: 0 },
      { relname: "grown", reltuples: -1, relpages: 0 },
    ]);

    expect(await upkeepOnce(db)).toEqual(["grown"]);
    const [empty, grown] = await sizes(db);
    expect(empty).toEqual({ relname: "empty", reltuples: -1, relpages: 0 });
    expect(grown!.reltuples).toBe(20000);
    expect(grown!.relpages).toBeGreaterThan(0);
    // Nothing moved since: nothing is due.
    expect(await tablesDueForUpkeep(db)).toEqual([]);
  });

  it("comes back to a table once it grew by more than 10 %, and the vacuum lets updates reuse its space", async () => {
    db = new PGlite();
    await db.exec(`create table grown (id serial primary key, v int)`);
    await db.exec(`insert into grown (v) select g from generate_series(1, 20000) g`);
    await upkeepOnce(db);

    await db.exec(`insert into grown (v) select g from generate_series(1, 500) g`); // +2.5 %: not yet
    expect(await tablesDueForUpkeep(db)).toEqual([]);
    await db.exec(`update grown set v = v + 1`); // every row rewritten: the table doubles
    expect(await upkeepOnce(db)).toEqual(["grown"]);
    const [grown] = await sizes(db);
    expect(grown!.reltuples).toBe(20500);

    const before = grown!.relpages;
    await db.exec(`update grown set v = v + 1 where id % 2 = 0`); // reuses what the vacuum freed
    const [{ pages }] = (await db.query<{ pages: number }>(`select (pg_relation_size('grown') / 8192)::int as pages`)).rows as [{ pages: number }];
    expect(pages).toBe(before);
  });

  it("runs on its own soon after start and stops when told", async () => {
    db = new PGlite();
    await db.exec(`create table grown (id serial primary key, v int)`);
    await db.exec(`insert into grown (v) select g from generate_series(1, 5000) g`);
    const stop = startUpkeep(db, 50);
    try {
      await expect.poll(async () => (await sizes(db!)).find((t) => t.relname === "grown")?.reltuples, { timeout: 5_000 }).toBe(5000);
    } finally {
      stop();
    }
    // Stopped: the table grows far past the rule (+10 pages + 10 %) and, several intervals later,
    // nobody has vacuumed it; it is still due and its statistics still say 5000 rows.
    await db.exec(`insert into grown (v) select g from generate_series(1, 20000) g`);
    expect(await tablesDueForUpkeep(db)).toEqual(["grown"]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // ten intervals of 50 ms
    expect(await tablesDueForUpkeep(db)).toEqual(["grown"]);
    expect((await sizes(db)).find((t) => t.relname === "grown")?.reltuples).toBe(5000);
  });
});
