import { handleRenewControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// POST → charges the subscription now (like POST /api/v1/subscriptions/{id}/renew) → { paid, order, subscription }.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = withStepPayControl(async (request: Request, { params }: Context) => handleRenewControl(request, (await params).id));
