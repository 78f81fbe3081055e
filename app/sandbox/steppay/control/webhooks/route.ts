import { handleWebhooksControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// GET ?orderId=&subscriptionId=&limit= → { deliveries: [...] }: the webhook delivery log with every attempt.
export const dynamic = "force-dynamic";

export const GET = withStepPayControl((request: Request) => handleWebhooksControl(request));
