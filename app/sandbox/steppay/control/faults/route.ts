import { handleFaultControl } from "@/lib/sandbox/shared/faults";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// GET → { fault }; POST { mode, count?, delayMs?, paths? } → { fault }: the StepPay API's fault switch.
export const dynamic = "force-dynamic";

const handle = withStepPayControl((request: Request) => handleFaultControl("steppay", request));

export const GET = handle;
export const POST = handle;
