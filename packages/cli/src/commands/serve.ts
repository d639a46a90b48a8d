import type { Command } from "commander";
import { loadSettings, seedSimulatedDemo, startFromSettings } from "@attune/server";

interface ServeFlags {
  host?: string;
  port?: string;
  database?: string;
  dataDir?: string;
  publicUrl?: string;
  config?: string;
  demo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  smtpHost?: string;
  smtpPort?: string;
  mailFrom?: string;
}

/** Registers `attune serve`: the HTTP API on a port (SQLite by default, PostgreSQL via --database). */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the attune server (API, patient links, FHIR) on this machine")
    .option("--host <host>", "address to listen on (HOST) [127.0.0.1]")
    .option("--port <port>", "port, 0 = any free port (PORT) [8080]")
    .option(
      "--database <url>",
      "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)",
    )
    .option("--data-dir <dir>", "directory of the default SQLite file (ATTUNE_DATA_DIR)")
    .option(
      "--public-url <url>",
      "the URL people use; https:// turns on Secure cookies and HSTS (ATTUNE_PUBLIC_URL)",
    )
    .option("--config <file>", "JSON file of settings (ATTUNE_CONFIG); flags and environment override it")
    .option("--demo", "add a simulated demo network and print its logins", false)
    .option("--admin-email <email>", "create the first network and coordinator with this email (first run)")
    .option("--admin-password <password>", "password of that coordinator (≥ 10 characters)")
    .option("--smtp-host <host>", "SMTP server for e-mail (ATTUNE_SMTP_HOST; docs/web.md)")
    .option("--smtp-port <port>", "SMTP port (ATTUNE_SMTP_PORT) [587]")
    .option("--mail-from <address>", "From address of the e-mails (ATTUNE_MAIL_FROM)")
    .action(async (o: ServeFlags) => {
      // One schema checks flags, environment and config file alike (docs/deploy.md lists every setting).
      const settings = loadSettings({
        env: process.env,
        ...(o.config ? { file: o.config } : {}),
        flags: {
          host: o.host,
          port: o.port,
          databaseUrl: o.database,
          dataDir: o.dataDir,
          publicUrl: o.publicUrl,
          adminEmail: o.adminEmail,
          adminPassword: o.adminPassword,
          smtpHost: o.smtpHost,
          smtpPort: o.smtpPort,
          mailFrom: o.mailFrom,
        },
      });
      const { server, lines } = await startFromSettings(settings);
      for (const line of lines) process.stdout.write(`${line}\n`);
      process.stdout.write(
        `  API description: ${server.url}/api/openapi.json   health: ${server.url}/healthz\n`,
      );
      if (o.demo) {
        if (!server.web)
          process.stdout.write("  (no built UI found: run `npm run build` for the browser pages)\n");
        process.stdout.write("  seeding the demo network (simulated seed study)...\n");
        const demo = await seedSimulatedDemo(server.store);
        process.stdout.write(
          `  demo network: ${demo.therapists} therapists in two arms, ${demo.patients} patients` +
            `${demo.created ? " (created now)" : " (already there)"}\n\n`,
        );
        process.stdout.write(
          `  open ${server.url}/ and sign in (password for all: ${demo.users[0]?.password}):\n`,
        );
        for (const u of demo.users) process.stdout.write(`    ${u.role.padEnd(12)} ${u.email}\n`);
        process.stdout.write(`\n  a patient link that works (once): ${server.url}${demo.patientLink}\n`);
      }
      const stop = () => void server.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
