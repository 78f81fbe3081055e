import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { notFoundError } from "./api-errors";
import { stepPayDb, type Executor } from "./database";
import { priceDto, productDto } from "./dto";
import { newCode, parseIdOrCode } from "./identifiers";
import type { priceCreateBody, productCreateBody } from "./request-bodies";
import { sbxStepPayPrices, sbxStepPayProducts, type ProductRow } from "./schema";

/** POST /api/v1/products. */
export async function createProduct(body: z.infer<typeof productCreateBody>) {
  const db = await stepPayDb();
  const [product] = await db
    .insert(sbxStepPayProducts)
    .values({
      code: newCode("product"),
      type: body.type,
      status: body.status,
      name: body.name,
      subTitle: body.subTitle ?? null,
      description: body.description ?? "",
      summary: body.summary ?? null,
      sku: body.sku ?? null,
      featuredImageUrl: body.featuredImageUrl ?? "",
      imageUrls: body.imageUrls ?? [],
    })
    .returning();
  return productDto(product!, []);
}

async function findProduct(db: Executor, idOrCode: string): Promise<ProductRow> {
  const key = parseIdOrCode(idOrCode);
  const [product] = await db
    .select()
    .from(sbxStepPayProducts)
    .where("id" in key ? eq(sbxStepPayProducts.id, key.id) : eq(sbxStepPayProducts.code, key.code))
    .limit(1);
  if (!product) throw notFoundError("product", idOrCode);
  return product;
}

/** GET /api/v1/products/{id} (StepPay also answers /products/{code}; so does the sandbox). */
export async function getProduct(idOrCode: string) {
  const db = await stepPayDb();
  const product = await findProduct(db, idOrCode);
  const prices = await db.select().from(sbxStepPayPrices).where(eq(sbxStepPayPrices.productId, product.id)).orderBy(asc(sbxStepPayPrices.id));
  return productDto(product, prices);
}

/** POST /api/v1/products/{id}/prices. */
export async function createPrice(productIdOrCode: string, body: z.infer<typeof priceCreateBody>) {
  const db = await stepPayDb();
  const product = await findProduct(db, productIdOrCode);
  const [price] = await db
    .insert(sbxStepPayPrices)
    .values({
      code: newCode("price"),
      productId: product.id,
      price: body.price,
      unit: body.unit,
      type: body.type,
      planName: body.plan.name,
      planDescription: body.plan.description,
      planDetailDescription: body.plan.detailDescription ?? "",
      isHiddenFromShop: body.plan.isHiddenFromShop ?? false,
      maximumPurchaseQuantity: body.maximumPurchaseQuantity ?? 0,
      recurring: body.recurring
        ? {
            interval: body.recurring.interval,
            intervalCount: body.recurring.intervalCount,
            aggregateUsageType: body.recurring.aggregateUsageType ?? "SUM",
            usageType: body.recurring.usageType ?? "LICENSED",
          }
        : null,
    })
    .returning();
  return priceDto(price!);
}

/** GET /api/v1/products/{id}/prices. */
export async function listPrices(productIdOrCode: string) {
  const db = await stepPayDb();
  const product = await findProduct(db, productIdOrCode);
  const prices = await db.select().from(sbxStepPayPrices).where(eq(sbxStepPayPrices.productId, product.id)).orderBy(asc(sbxStepPayPrices.id));
  return prices.map(priceDto);
}
