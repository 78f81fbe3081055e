import { handleClockControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// GET → { now, offsetMs }: the sandbox clock.
export const dynamic = "force-dynamic";

export const GET = withStepPayControl((request: Request) => handleClockControl(request));
