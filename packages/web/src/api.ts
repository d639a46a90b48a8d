// Fetch helpers: JSON in and out, the staff CSRF token on changes, errors as readable messages.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf: string | null = null;
export const setCsrf = (t: string | null): void => {
  csrf = t;
};

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const h: Record<string, string> = { accept: "application/json", ...headers };
  if (body !== undefined) h["content-type"] = "application/json";
  if (method !== "GET" && csrf) h["x-csrf-token"] = csrf;
  const res = await fetch(path, {
    method,
    headers: h,
    credentials: "same-origin",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const issue = (data as { issue?: { diagnostics?: string }[] } | null)?.issue?.[0]?.diagnostics;
    throw new HttpError(res.status, issue ?? `${res.status} ${res.statusText}`);
  }
  return data as T;
}
