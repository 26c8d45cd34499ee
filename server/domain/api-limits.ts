// Limits of the tRPC API that the server enforces and the browser's client respects (it splits larger batches).

/** Most calls one batch request may carry: a page batches a handful of queries; 500 was a cheap audit flood. */
export const MAX_BATCH_CALLS = 20;
