import { handleDemoReset } from "@/lib/sandbox/scenarios/control";

export const dynamic = "force-dynamic";

/** POST /sandbox/scenarios/reset: clears the store's and the sandbox's demo data (confirmed). */
export function POST(request: Request) {
  return handleDemoReset(request);
}
