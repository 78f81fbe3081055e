import { handleSubscriptionsControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// GET ?email= → { now, subscriptions: [...] } (each with its customer, plan, dates and renewal orders).
export const dynamic = "force-dynamic";

export const GET = withStepPayControl((request: Request) => handleSubscriptionsControl(request));
