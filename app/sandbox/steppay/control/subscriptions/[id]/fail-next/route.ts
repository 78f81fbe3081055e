import { handleFailNextControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// POST { count? = 1 } → the next renewal charge(s) of this subscription are declined → { subscription }.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = withStepPayControl(async (request: Request, { params }: Context) => handleFailNextControl(request, (await params).id));
