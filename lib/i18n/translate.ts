import type { MessageKey } from "./messages";

/**
 * Looks keys up in one language's dictionary and fills `{name}` placeholders. Free of the
 * dictionaries themselves (a type-only import), so client components can use it without the
 * catalogue of every language landing in the browser bundle: the server passes the one they need.
 */
export type Messages = Record<MessageKey, string>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function makeTranslator(messages: Messages, fallback?: Messages): Translate {
  return (key, vars) => {
    const text = messages[key] ?? fallback?.[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
  };
}
