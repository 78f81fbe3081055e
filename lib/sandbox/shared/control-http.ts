import type { z } from "zod";
import { panelCopy, requestPanelLocale, type PanelCopy, type PanelLocale } from "./panel-copy";

/**
 * The sandbox's control endpoints speak two dialects on one URL:
 *  - JSON in, JSON out, for tests and scripts (`{ "error": { "code", "message" } }` on failure);
 *  - a plain HTML form post from the control panel, answered with a 303 back to /sandbox, so the
 *    panel works without JavaScript.
 * The dialect is chosen by the request's content type.
 */
export const PANEL_PATH = "/sandbox";

export type ControlInput = { kind: "json"; value: unknown } | { kind: "form"; form: FormData };

export class ControlInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ControlInputError";
  }
}

export function isFormPost(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/** Reads a control request's body: a form, JSON, or nothing (an empty body is `{}`). */
export async function readControlInput(request: Request): Promise<ControlInput> {
  if (isFormPost(request)) {
    try {
      return { kind: "form", form: await request.formData() };
    } catch {
      throw new ControlInputError(400, "invalid_form", "The form body could not be read");
    }
  }
  const text = await request.text();
  if (text.trim() === "") return { kind: "json", value: {} };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    throw new ControlInputError(400, "invalid_json", "Request body must be JSON");
  }
}

/** Parses with a zod schema; a failure becomes a 400 naming the first bad field. */
export function parseControl<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  throw new ControlInputError(400, "invalid_request", issue ? `${path || "body"}: ${issue.message}` : "Invalid request");
}

/** A form field as a string, or undefined when absent or blank. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A numeric form field (left as the raw text when not a number, so the schema reports it). */
export function formNumber(form: FormData, name: string): number | string | undefined {
  const text = formText(form, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

export function controlJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function controlError(status: number, code: string, message: string): Response {
  return controlJson({ error: { code, message } }, status);
}

/**
 * The panel's form posts end here: 303 back to the panel, with a one-line notice it shows, in the
 * language the panel was in (`lang`, when the presenter chose one with the panel's switch).
 */
export function backToPanel(notice: string, options: { anchor?: string; error?: boolean; lang?: PanelLocale | null } = {}): Response {
  const query = new URLSearchParams({ [options.error ? "problem" : "notice"]: notice });
  if (options.lang) query.set("lang", options.lang);
  const location = `${PANEL_PATH}?${query}${options.anchor ? `#${options.anchor}` : ""}`;
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/**
 * Runs a control action and answers in the request's dialect. `action` returns the JSON body and
 * the notice the panel shows, worded with `copy` (the panel's language; JSON callers get English
 * messages); a thrown ControlInputError becomes a 4xx (JSON) or a problem notice.
 */
export async function answerControl(
  request: Request,
  action: (input: ControlInput, copy: PanelCopy) => Promise<{ body: unknown; notice: string; status?: number; anchor?: string }>,
  options: { anchor?: string } = {},
): Promise<Response> {
  const form = request.method === "POST" && isFormPost(request);
  const { locale, chosen } = requestPanelLocale(request);
  try {
    const input: ControlInput = request.method === "POST" ? await readControlInput(request) : { kind: "json", value: {} };
    const result = await action(input, panelCopy(form ? locale : "en"));
    return form ? backToPanel(result.notice, { anchor: result.anchor ?? options.anchor, lang: chosen }) : controlJson(result.body, result.status ?? 200);
  } catch (error) {
    if (error instanceof ControlInputError) {
      return form ? backToPanel(error.message, { anchor: options.anchor, error: true, lang: chosen }) : controlError(error.status, error.code, error.message);
    }
    throw error;
  }
}
