// @attune/server: the HTTP API (createApp), its instruments interface, and the import/export
// functions the CLI shares.
export { createApp, type Api, type App } from "./app.ts";
export { DEFAULT_CONFIG, type AppConfig, type AppDeps, type Actor } from "./context.ts";
export { ApiError, toOperationOutcome, statusOf, type Problem } from "./errors.ts";
export { hashPassword, verifyPassword } from "./auth/password.ts";
export { builtinCatalog } from "./instruments/builtin.ts";
export { catalogOf, type Instrument, type InstrumentCatalog } from "./instruments/catalog.ts";
export { importLongCsv, exportLongCsv } from "./io/longCsv.ts";
export { parseScales, type DeclaredScales } from "./io/longScales.ts";
export { importRedcap, type RedcapMapping } from "./io/redcap.ts";
export { importBundle, exportBundle } from "./io/fhirBundle.ts";
export type { ImportReport, Rejection, Progress } from "./io/report.ts";
export { ensureBootstrap, seedDemo } from "./seed.ts";
export { seedSimulatedDemo, DEMO_PASSWORD, type DemoNetwork } from "./demoNetwork.ts";
export { ResponseEvents, type ResponseEvent } from "./dashboard/events.ts";
export { startServer, type RunningServer } from "./listen.ts";
export { inputError, openCliStore, resolveNetwork, progressLine, finishImport } from "./cliSupport.ts";
export { ATTUNE_VERSION } from "./version.ts";
export { loadSettings, SETTINGS, type Settings } from "./ops/settings.ts";
export { serverOptions, startFromSettings } from "./ops/start.ts";
