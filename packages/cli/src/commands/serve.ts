import type { Command } from "commander";
import { ensureBootstrap, inputError, seedSimulatedDemo, startServer } from "@attune/server";

interface ServeFlags {
  host: string;
  port: string;
  database?: string;
  dataDir?: string;
  publicUrl?: string;
  demo: boolean;
  adminEmail?: string;
  adminPassword?: string;
}

/** Registers `attune serve`: the HTTP API on a port (SQLite by default, PostgreSQL via --database). */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the attune server (API, patient links, FHIR) on this machine")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port (0 = any free port)", process.env["PORT"] ?? "8080")
    .option(
      "--database <url>",
      "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)",
    )
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option("--public-url <url>", "base URL that patient links point to")
    .option("--demo", "add a simulated demo network and print its logins", false)
    .option("--admin-email <email>", "create the first network and coordinator with this email (first run)")
    .option("--admin-password <password>", "password of that coordinator (≥ 10 characters)")
    .action(async (o: ServeFlags) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw inputError(`--port: "${o.port}" is not a port number`);
      if (o.adminEmail && (o.adminPassword ?? "").length < 10)
        throw inputError("--admin-password: at least 10 characters are needed");
      const server = await startServer({
        host: o.host,
        port,
        ...(o.database ? { databaseUrl: o.database } : {}),
        ...(o.dataDir ? { dataDir: o.dataDir } : {}),
        ...(o.publicUrl ? { config: { publicBaseUrl: o.publicUrl } } : {}),
      });
      if (o.adminEmail && o.adminPassword) {
        const b = await ensureBootstrap(server.store, {
          network: "attune network",
          email: o.adminEmail,
          password: o.adminPassword,
        });
        if (b.created) process.stdout.write(`created the network and its coordinator ${o.adminEmail}\n`);
      }
      process.stdout.write(
        `attune server listening on ${server.url} (${server.store.dialect}: ${server.store.location})\n`,
      );
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
