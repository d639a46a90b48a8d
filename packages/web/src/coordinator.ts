// Coordinator pages: network set-up, studies, randomisation, enrolment, completion and
// reminders, import. Each page lives in coordinator/; this module only registers them with the app shell.
import type { StaffSection } from "./context.ts";
import "./coordinator/coordinator.css";
import { calibrationPage } from "./coordinator/calibration.ts";
import { completionPage } from "./coordinator/completion.ts";
import { importPage } from "./coordinator/importPage.ts";
import { instrumentsPage } from "./coordinator/instruments.ts";
import { networkPage } from "./coordinator/network.ts";
import { messagesPage } from "./coordinator/messages.ts";
import { studyPage } from "./coordinator/study.ts";
import { studyEditPage } from "./coordinator/studyEdit.ts";
import { patientRecordPage, patientRecordsPage } from "./coordinator/patientRecords.ts";
import { auditLogPage } from "./coordinator/auditLog.ts";
import { newStudyPage, studiesPage } from "./coordinator/studies.ts";

/** The coordinator's nav: path, English label, French label. */
const NAV: [string, string, string][] = [
  ["/studies", "Studies", "Études"],
  ["/network", "Network set-up", "Réseau"],
  ["/import", "Import", "Importer"],
  ["/instruments", "Instruments", "Instruments"],
  ["/alerts-calibration", "Alerts", "Alertes"],
  ["/messages", "Messages", "Messages"],
  ["/patient-records", "Patient records", "Dossiers patients"],
  ["/audit", "Audit log", "Journal d'audit"],
];

export const coordinatorSection: StaffSection = {
  roles: ["coordinator"],
  nav: (_me, lang) => NAV.map(([path, en, fr]) => [path, lang === "fr" ? fr : en]),
  home: () => "/studies",
  route: async (ctx, path, search) => {
    let m: RegExpExecArray | null;
    if (path === "/studies") await studiesPage(ctx);
    else if (path === "/studies/new") await newStudyPage(ctx);
    else if ((m = /^\/studies\/([A-Za-z0-9_-]+)$/.exec(path))) await studyPage(ctx, m[1]!);
    else if ((m = /^\/studies\/([A-Za-z0-9_-]+)\/edit$/.exec(path))) await studyEditPage(ctx, m[1]!);
    else if ((m = /^\/studies\/([A-Za-z0-9_-]+)\/completion$/.exec(path)))
      await completionPage(ctx, m[1]!, search);
    else if (path === "/network") await networkPage(ctx);
    else if (path === "/import") await importPage(ctx);
    else if (path === "/instruments") await instrumentsPage(ctx);
    else if (path === "/alerts-calibration") await calibrationPage(ctx);
    else if (path === "/messages") await messagesPage(ctx);
    else if (path === "/patient-records") await patientRecordsPage(ctx);
    else if ((m = /^\/patient-records\/([A-Za-z0-9_-]+)$/.exec(path))) await patientRecordPage(ctx, m[1]!);
    else if (path === "/audit") await auditLogPage(ctx);
    else return false;
    return true;
  },
};
