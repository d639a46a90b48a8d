// Response headers of downloads. Files are attachments; an HTML report, shown inline or saved, is
// sandboxed by its Content-Security-Policy: no script, no form, no plugin, no network request
// except its own inline styles and data: images (the plots), so a hostile string in a report
// can neither run nor call home.

/** The policy every HTML report is served with. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox";

/**
 * Headers of an HTML report: the policy above, no MIME sniffing, and an attachment when a file
 * name is given.
 *
 * @example
 * reportHeaders("attune-run-1.html")["content-security-policy"]; // REPORT_CSP
 */
export function reportHeaders(filename: string | null): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": REPORT_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...(filename ? { "content-disposition": `attachment; filename="${filename}"` } : {}),
  };
}

/**
 * Headers of a downloaded file: always an attachment, never sniffed; HTML gets the report policy.
 *
 * @example
 * downloadHeaders("text/csv", "data.csv")["content-disposition"]; // 'attachment; filename="data.csv"'
 */
export function downloadHeaders(type: string, filename: string): Record<string, string> {
  if (type === "text/html") return reportHeaders(filename);
  return {
    "content-type": `${type}; charset=utf-8`,
    "x-content-type-options": "nosniff",
    "content-disposition": `attachment; filename="${filename}"`,
  };
}
