import { sandboxNotFound } from "@/lib/sandbox/shared/config";
import { handleStepPayApi } from "@/lib/sandbox/steppay/api";
import { openStepPaySandbox } from "@/lib/sandbox/steppay/sandbox-gate";

// The StepPay API emulator (`${SANDBOX_ORIGIN}/sandbox/steppay/api/**`): every method, one handler.
export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  // The first request starts this process's subscription scheduler and webhook sender.
  if (!openStepPaySandbox()) return Promise.resolve(sandboxNotFound());
  return handleStepPayApi(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
