// A QR code as an inline SVG drawn by lit-html from the code's module matrix (qrcode computes the
// matrix): the link only ever reaches the page as data, never as markup, so nothing in it can be parsed.
import { svg, type TemplateResult } from "lit-html";
import { create } from "qrcode";

/**
 * An SVG QR code of `text` (error correction M, a 4-module quiet zone), labelled for screen readers.
 *
 * @example
 * html`${qrSvg("https://prn.example/r/abc…", "QR code of the patient link")}`;
 */
export function qrSvg(text: string, label: string): TemplateResult {
  const { size, data } = create(text, { errorCorrectionLevel: "M" }).modules;
  const quiet = 4;
  let d = "";
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  const side = size + 2 * quiet;
  return svg`<svg class="qr" role="img" aria-label=${label} viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">
    <rect width=${side} height=${side} fill="#fff"></rect>
    <path d=${d} fill="#000"></path>
  </svg>`;
}
