// Errors are data: an ApiError carries a kind and a message naming the problem (and where it is).
// The kind → HTTP status mapping lives here and only here; every error leaves as an OperationOutcome.
import type { OperationOutcome, OperationOutcomeIssue } from "fhir/r4";

export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "gone"
  | "too-large"
  | "unsupported-media-type"
  | "rate-limited"
  | "internal";

const STATUS: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "too-large": 413,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  internal: 500,
};

const FHIR_CODE: Record<ErrorKind, OperationOutcomeIssue["code"]> = {
  invalid: "invalid",
  unauthenticated: "login",
  forbidden: "forbidden",
  "not-found": "not-found",
  conflict: "conflict",
  gone: "expired",
  "too-large": "too-costly",
  "unsupported-media-type": "not-supported",
  "rate-limited": "throttled",
  internal: "exception",
};

export interface Problem {
  /** What is wrong, naming the bad value. */
  message: string;
  /** Where: a JSON path (`item[2].answer[0].valueInteger`), a CSV `row 5, column session`, ... */
  where?: string;
}

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const invalid = (message: string, problems: Problem[] = []) =>
  new ApiError("invalid", message, problems);
export const forbidden = (message = "your role does not allow this") => new ApiError("forbidden", message);
export const notFound = (what: string) => new ApiError("not-found", `${what} not found`);

export function statusOf(kind: ErrorKind): (typeof STATUS)[ErrorKind] {
  return STATUS[kind];
}

export function toOperationOutcome(err: ApiError): OperationOutcome {
  const code = FHIR_CODE[err.kind];
  const issues: OperationOutcomeIssue[] = err.problems.length
    ? err.problems.map((p) => ({
        severity: "error",
        code,
        diagnostics: p.where ? `${p.where}: ${p.message}` : p.message,
        ...(p.where ? { expression: [p.where] } : {}),
      }))
    : [];
  return {
    resourceType: "OperationOutcome",
    issue: [{ severity: "error", code, diagnostics: err.message }, ...issues],
  };
}
