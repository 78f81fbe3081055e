import { handleListRuns } from "@/lib/sandbox/scenarios/control";

export const dynamic = "force-dynamic";

/** GET /sandbox/scenarios/runs?limit=: the latest demo scenario runs, newest first. */
export function GET(request: Request) {
  return handleListRuns(request);
}
