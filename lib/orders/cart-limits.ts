/**
 * How much one cart may hold: the cart cookie, the cart forms and the checkout schema all use
 * these. Kept apart from checkout-input.ts (zod and the catalog) so a client component can import
 * them without shipping either to the browser.
 */
export const MAX_QUANTITY = 10;
export const MAX_LINES = 20;
