import { handleUnifiDecision } from "@/lib/sandbox/unifipay/start-page";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// The start page's form target: applies the shopper's decision once, then 303 to the merchant.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ transactionId: string }> };

export const POST = withUnifiSandbox(async (request: Request, context: Context) => {
  const { transactionId } = await context.params;
  return handleUnifiDecision(request, transactionId);
});

// A GET here (a reload after the post, a copied URL) just shows the page again.
export const GET = withUnifiSandbox(async (request: Request) => {
  const pageUrl = new URL(request.url);
  pageUrl.pathname = pageUrl.pathname.replace(/\/decide$/, "");
  pageUrl.search = "";
  return new Response(null, { status: 303, headers: { location: pageUrl.pathname } });
});
