// A recipe's refusal in the researcher's words: the recipes name rows of a file ("row 210 (line 211 of
// the file)"), but a workspace run has no file — the rows are the network's sessions. Each such row is
// named by its patient, therapist and session instead.

/**
 * Rewrites every "row N (line M of the file)" of a message as "patient P (therapist T) session S".
 *
 * @example
 * inDomainWords('patient "P1" has 0 (row 2 (line 3 of the file))', [{ patient: "P1", therapist: "T1", session: 1 }, { patient: "P1", therapist: "T1", session: 2 }]);
 * // 'patient "P1" has 0 (patient P1 (therapist T1) session 2)'
 */
export function inDomainWords(
  message: string,
  rows: readonly { patient: string; therapist: string; session: number }[],
): string {
  return message.replace(/row (\d+) \(line \d+ of the file\)/g, (whole, n: string) => {
    const r = rows[Number(n) - 1];
    return r ? `patient ${r.patient} (therapist ${r.therapist}) session ${r.session}` : whole;
  });
}
