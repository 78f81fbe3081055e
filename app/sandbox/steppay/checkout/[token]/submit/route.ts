import { sandboxNotFound } from "@/lib/sandbox/shared/config";
import { handleCheckoutSubmit } from "@/lib/sandbox/steppay/checkout";
import { openStepPaySandbox } from "@/lib/sandbox/steppay/sandbox-gate";

// The hosted payment page's form posts here (plain HTML form: works without JavaScript).
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  // A payment queues webhooks: make sure this process sends them.
  if (!openStepPaySandbox()) return sandboxNotFound();
  const { token } = await params;
  return handleCheckoutSubmit(request, token);
}
