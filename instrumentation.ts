/**
 * Runs once when the server starts: validates the configuration (a bad variable stops the server
 * with a message naming it) and says plainly what will be refused.
 */
export async function register() {
  // Next also compiles this file for the edge runtime, where NEXT_RUNTIME is the constant "edge":
  // the imports must sit inside this block for webpack to leave them out of that bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.NEXT_PHASE === "phase-production-build") return;
    const { config } = await import("@/lib/env");
    const c = config();
    if (!c.steppay.webhookSecret) {
      console.warn("[store] STEPPAY_WEBHOOK_SECRET is not set: signed StepPay webhooks (v2) will be refused with 401 until it is.");
    }
    // Orders whose return, callback or webhook never arrived still end right (lib/orders/reconciler.ts).
    const { startReconciler } = await import("@/lib/orders/reconciler");
    startReconciler(c.reconciler.intervalMs, c.reconciler.pendingAfterMs);
    console.log(
      `[store] store ${c.appOrigin} · StepPay ${c.steppay.usesSandbox ? "sandbox" : c.steppay.apiBase} · Unifi Pay ${c.unifipay.usesSandbox ? "sandbox" : c.unifipay.apiBase} · database ${c.databaseUrl ? "PostgreSQL" : `PGlite (${c.pgliteDir})`}`,
    );
  }
}
