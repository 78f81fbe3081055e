import { handleSettingsControl } from "@/lib/sandbox/steppay/control";
import { withStepPayControl } from "@/lib/sandbox/steppay/sandbox-gate";

// GET → { settings }; POST { webhookFormat?, duplicateRate?, shuffleMs?, extraWebhookKeys?, webhookUrl? } → { settings } (400 on bad input).
export const dynamic = "force-dynamic";

const handle = withStepPayControl((request: Request) => handleSettingsControl(request));

export const GET = handle;
export const POST = handle;
