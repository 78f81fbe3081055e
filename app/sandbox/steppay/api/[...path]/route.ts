import { handleStepPayApi } from "@/lib/sandbox/steppay/api";

// The StepPay API emulator (`${SANDBOX_ORIGIN}/sandbox/steppay/api/**`): every method, one handler.
export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  return handleStepPayApi(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
