import { handleFaultControl } from "@/lib/sandbox/shared/faults";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// GET → { fault }; POST { mode, count?, delayMs?, paths? } → { fault }: the Unifi Pay API's fault switch.
export const dynamic = "force-dynamic";

const handle = withUnifiSandbox((request: Request) => handleFaultControl("unifipay", request));

export const GET = handle;
export const POST = handle;
