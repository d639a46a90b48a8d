// Entry: /r/<token> is the patient's form, /invite/<token> a new staff member's password page,
// /reset/<token> a password-reset link's page, /forgot the reset request; everything else is the staff app.
import "./style.css";
import { invitePage } from "./invite.ts";
import { patientPage } from "./patient.ts";
import { staffApp } from "./staff.ts";
import { forgotPage } from "./account/forgot.ts";

const root = document.getElementById("app")!;
const m = /^\/r\/([A-Za-z0-9_-]{16,128})\/?$/.exec(location.pathname);
const inv = /^\/invite\/([A-Za-z0-9_-]{1,128})\/?$/.exec(location.pathname);
const reset = /^\/reset\/([A-Za-z0-9_-]{1,128})\/?$/.exec(location.pathname);
if (m) patientPage(root, m[1]!);
else if (location.pathname.startsWith("/r/")) patientPage(root, "invalid-token-xxxxxxxx");
// A cut-off token is padded so the API answers "not valid" (404) rather than a length error.
else if (inv) invitePage(root, inv[1]!.padEnd(16, "x"));
else if (location.pathname.startsWith("/invite/")) invitePage(root, "invalid-token-xxxxxxxx");
else if (reset) invitePage(root, reset[1]!.padEnd(16, "x"), "reset");
else if (location.pathname.startsWith("/reset/")) invitePage(root, "invalid-token-xxxxxxxx", "reset");
else if (location.pathname === "/forgot") forgotPage(root);
else staffApp(root);
