import { handleUnifiApi } from "@/lib/sandbox/unifipay/api";
import { withUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";

// The emulated Unifi Pay API (POST /api/v1/payment, GET /api/v1/payment/{transactionId}).
export const dynamic = "force-dynamic";

const handle = withUnifiSandbox((request: Request) => handleUnifiApi(request));

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
