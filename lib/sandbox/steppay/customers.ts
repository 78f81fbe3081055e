import { eq } from "drizzle-orm";
import { notFoundError } from "./api-errors";
import { stepPayDb } from "./database";
import { customerDto } from "./dto";
import { newCode, newUuid, parseIdOrCode } from "./identifiers";
import type { customerCreateBody } from "./request-bodies";
import { sbxStepPayCustomers } from "./schema";
import type { z } from "zod";

/**
 * POST /api/v1/customers. StepPay does not document whether a second customer with the same
 * username is refused; the sandbox accepts it (a new customer each time), so a store that creates
 * a customer per checkout keeps working (see README Assumptions).
 */
export async function createCustomer(body: z.infer<typeof customerCreateBody>) {
  const db = await stepPayDb();
  const [customer] = await db
    .insert(sbxStepPayCustomers)
    .values({
      code: newCode("customer"),
      uuid: newUuid(),
      username: body.username,
      name: body.name,
      email: body.email,
      // StepPay's example answers "01012345678" for "010-1234-5678": digits only.
      phone: body.phone ? body.phone.replace(/\D/g, "") : null,
    })
    .returning();
  return customerDto(customer!);
}

/** GET /api/v1/customers/{id}: by numeric id, code or uuid. */
export async function getCustomer(idOrCode: string) {
  const db = await stepPayDb();
  const key = parseIdOrCode(idOrCode);
  const where =
    "id" in key
      ? eq(sbxStepPayCustomers.id, key.id)
      : key.code.startsWith("customer_")
        ? eq(sbxStepPayCustomers.code, key.code)
        : eq(sbxStepPayCustomers.uuid, key.code);
  const [customer] = await db.select().from(sbxStepPayCustomers).where(where).limit(1);
  if (!customer) throw notFoundError("customer", idOrCode);
  return customerDto(customer);
}
