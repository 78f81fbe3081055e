import { handleUnifiSettingsControl } from "@/lib/sandbox/unifipay/control";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// GET → current knobs; POST { duplicateRate?, callbackDelayMs? } → updated knobs (stored in the DB).
export const dynamic = "force-dynamic";

const handle = withUnifiSandbox((request: Request) => handleUnifiSettingsControl(request));

export const GET = handle;
export const POST = handle;
