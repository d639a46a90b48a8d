import { randomBytes } from "node:crypto";

let last = 0;
let counter = 0;

/** A time-ordered random id: 9 base-36 chars of milliseconds, 4 of a per-ms counter, 16 hex of randomness. */
export function newId(): string {
  const now = Date.now();
  if (now === last) counter++;
  else {
    last = now;
    counter = 0;
  }
  return (
    now.toString(36).padStart(9, "0") + counter.toString(36).padStart(4, "0") + randomBytes(8).toString("hex")
  );
}

export function nowIso(): string {
  return new Date().toISOString();
}
