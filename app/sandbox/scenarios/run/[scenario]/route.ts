import { after } from "next/server";
import { handleRunScenario } from "@/lib/sandbox/scenarios/control";

export const dynamic = "force-dynamic";

/** POST /sandbox/scenarios/run/{scenario}: plays a demo scenario (lib/sandbox/scenarios/control.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ scenario: string }> }) {
  const { scenario } = await params;
  // A panel click is answered at once; the run plays on after the response.
  return handleRunScenario(request, scenario, (work) => after(work));
}
