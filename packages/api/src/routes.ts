// The HTTP API's routes, one table ("METHOD /api/path/{param}", the server's OpenAPI spelling): what the
// server mounts (its authorization test fails when a registered route is missing here or a listed one is
// not registered) and what the one client may call. The client's methods take an `ApiPath`, so a typo in
// a request path fails `tsc` rather than answering 404 at run time. Outside /api (health, metrics) the
// server's operations routes are no part of the contract.

/** Every route of the API, in the order the server mounts them. */
export const API_ROUTES = [
  "POST /api/auth/invitation",
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "PUT /api/auth/me/language",
  "PUT /api/auth/me/password",
  "POST /api/auth/login",
  "POST /api/auth/login/second-factor",
  "GET /api/auth/totp",
  "POST /api/auth/totp/setup",
  "POST /api/auth/totp/enable",
  "POST /api/auth/totp/disable",
  "GET /api/network/security",
  "PUT /api/network/security",
  "PUT /api/users/{id}/site",
  "POST /api/users/{id}/invitation",
  "POST /api/sites",
  "GET /api/sites",
  "POST /api/users",
  "GET /api/users",
  "PUT /api/users/{id}/disabled",
  "POST /api/patients",
  "GET /api/patients",
  "GET /api/patients/{id}",
  "GET /api/patients/{id}/contact",
  "POST /api/patients/{id}/erasure",
  "POST /api/episodes",
  "GET /api/episodes/{id}",
  "GET /api/episodes/{id}/sessions",
  "POST /api/episodes/{id}/sessions",
  "PUT /api/sessions/{id}/modality",
  "PUT /api/episodes/{id}/end",
  "DELETE /api/episodes/{id}/end",
  "POST /api/sessions/{id}/links",
  "POST /api/sessions/{id}/coders",
  "POST /api/episodes/{id}/next-session-link",
  "GET /api/r/{token}",
  "POST /api/r/{token}/submit",
  "GET /api/r/{token}/progress",
  "GET /api/network/patient-progress",
  "PUT /api/network/patient-progress",
  "GET /api/fhir/Questionnaire/{id}",
  "GET /api/fhir/Questionnaire",
  "POST /api/fhir/QuestionnaireResponse",
  "GET /api/fhir/QuestionnaireResponse/{id}",
  "GET /api/fhir/QuestionnaireResponse",
  "POST /api/fhir/QuestionnaireResponse/{id}/correction",
  "GET /api/audit/choices",
  "GET /api/audit",
  "POST /api/import/long-csv",
  "POST /api/import/redcap",
  "POST /api/import/fhir",
  "GET /api/export/long.csv",
  "GET /api/export/fhir",
  "GET /api/dashboard/caseload",
  "GET /api/dashboard/episodes/{id}",
  "GET /api/dashboard/episodes/{id}/report.pdf",
  "GET /api/dashboard/attunement",
  "GET /api/dashboard/events",
  "POST /api/dashboard/episodes/{id}/acknowledgements",
  "GET /api/dashboard/calibration",
  "GET /api/network/alert-settings",
  "PUT /api/network/alert-settings",
  "POST /api/studies",
  "GET /api/studies",
  "POST /api/studies/{id}/allocations",
  "PUT /api/studies/{id}/schedule",
  "PUT /api/studies/{id}/arms",
  "PUT /api/studies/{id}/archived",
  "PUT /api/patients/{id}/contact",
  "GET /api/episodes/{id}/message-language",
  "PUT /api/episodes/{id}/message-language",
  "POST /api/studies/{id}/randomisation",
  "GET /api/studies/{id}/randomisations",
  "GET /api/studies/{id}/completion",
  "POST /api/studies/{id}/reminders",
  "POST /api/r/{token}/decline",
  "POST /api/runs",
  "GET /api/runs",
  "GET /api/runs/{id}",
  "GET /api/runs/{id}/fhir",
  "GET /api/therapist-attributes",
  "POST /api/therapist-attributes",
  "POST /api/therapist-questionnaires",
  "GET /api/therapist-profiles",
  "PUT /api/therapists/{id}/attributes",
  "POST /api/therapists/{id}/questionnaire-responses",
  "GET /api/rates",
  "GET /api/runs/{id}/report.html",
  "GET /api/runs/{id}/data.csv",
  "GET /api/runs/{id}/script.R",
  "GET /api/runs/{id}/models.csv",
  "GET /api/runs/{id}/figures",
  "GET /api/runs/{id}/figures/{n}",
  "GET /api/instruments",
  "POST /api/instruments/{id}/licensed-text",
  "DELETE /api/instruments/{id}/licensed-text",
  "GET /api/coding/sessions",
  "GET /api/studies/{id}/coding",
  "GET /api/auth/options",
  "GET /api/messages",
  "POST /api/links/send",
  "POST /api/studies/{id}/therapist-reminders",
  "POST /api/auth/password-reset",
  "GET /api/openapi.json",
] as const;

export type ApiRoute = (typeof API_ROUTES)[number];

type MethodOf<R extends string> = R extends `${infer M} ${string}` ? M : never;

/** The methods the API answers. */
export type ApiMethod = MethodOf<ApiRoute>;

/** A route's path with each `{param}` open to any text ("/api/runs/{id}" → `/api/runs/${string}`). */
type Filled<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Filled<Tail>}`
  : P;

/**
 * The request paths of routes answering `M` (every method when not given), with or without a query.
 *
 * @example
 * const path: ApiPath<"GET"> = `/api/runs/${id}/figures?lang=fr`; // a typo ("/api/run/…") fails tsc
 */
export type ApiPath<M extends string = ApiMethod> = {
  [R in ApiRoute]: R extends `${M} ${infer P}` ? `${Filled<P>}${ApiQuery}` : never;
}[ApiRoute];

/** A request's query: none, or "?" and its parameters (what a page's query builder returns). */
export type ApiQuery = "" | `?${string}`;
