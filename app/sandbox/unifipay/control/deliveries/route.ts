import { handleUnifiDeliveriesControl } from "@/lib/sandbox/unifipay/control";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// GET ?transactionId= → the callback delivery log (deliveries and their attempts).
export const dynamic = "force-dynamic";

export const GET = withUnifiSandbox((request: Request) => handleUnifiDeliveriesControl(request));
