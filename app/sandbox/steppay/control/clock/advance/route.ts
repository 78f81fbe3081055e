import { handleClockAdvanceControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// POST { interval: DAY|WEEK|MONTH|YEAR, count } → { now, offsetMs, processed }: moves the clock, then runs what became due.
export const dynamic = "force-dynamic";

export const POST = withStepPayControl((request: Request) => handleClockAdvanceControl(request));
