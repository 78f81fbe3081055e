import { isSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/shared/config";
import { controlError } from "@/lib/sandbox/shared/control-http";
import { ensureStepPayScheduler } from "./subscription-scheduler";
import { ensureStepPayWebhookDispatcher } from "./webhook-dispatcher";

/**
 * The door of the StepPay wing. Closed (404) while the store points StepPay at a real host; the
 * first request through it starts this process's subscription scheduler and webhook sender.
 */
export function openStepPaySandbox(): boolean {
  if (!isSandboxEnabled("steppay")) return false;
  ensureStepPayScheduler();
  ensureStepPayWebhookDispatcher();
  return true;
}

/** Wraps a control route handler: 404 when the wing is closed, a JSON 500 instead of an HTML error page. */
export function withStepPayControl<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    if (!openStepPaySandbox()) return sandboxNotFound();
    try {
      return await handler(...args);
    } catch (error) {
      console.error("[sandbox/steppay] control", error);
      return controlError(500, "internal_error", "The StepPay sandbox failed to handle this request");
    }
  };
}
