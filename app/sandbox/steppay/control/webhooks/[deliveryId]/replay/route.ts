import { handleReplayControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// POST → sends a past delivery again with identical bytes and signature → { delivery } (the replay, with its attempt).
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ deliveryId: string }> };

export const POST = withStepPayControl(async (request: Request, { params }: Context) => handleReplayControl(request, (await params).deliveryId));
