// Entry: /r/<token> is the patient's form; everything else is the staff app.
import "./style.css";
import { patientPage } from "./patient.ts";
import { staffApp } from "./staff.ts";

const root = document.getElementById("app")!;
const m = /^\/r\/([A-Za-z0-9_-]{16,128})\/?$/.exec(location.pathname);
if (m) patientPage(root, m[1]!);
else if (location.pathname.startsWith("/r/")) patientPage(root, "invalid-token-xxxxxxxx");
else staffApp(root);
