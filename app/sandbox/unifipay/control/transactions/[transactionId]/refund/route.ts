import { handleUnifiRefundControl } from "@/lib/sandbox/unifipay/control";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// POST → the confirmed payment refunded, as a merchant does in Unifi's dashboard; its callback follows.
export const dynamic = "force-dynamic";

export const POST = withUnifiSandbox(async (_request: Request, context: { params: Promise<{ transactionId: string }> }) =>
  handleUnifiRefundControl((await context.params).transactionId),
);
