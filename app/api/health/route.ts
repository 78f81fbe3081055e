export const dynamic = "force-dynamic";

/** Liveness, and the "trivial JSON route" the benchmark compares other routes with. */
export function GET() {
  return Response.json({ ok: true });
}
