import { handleClockResetControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// POST → { now, offsetMs: 0 }: back to real time.
export const dynamic = "force-dynamic";

export const POST = withStepPayControl((request: Request) => handleClockResetControl(request));
