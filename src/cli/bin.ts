#!/usr/bin/env node
// The entry point only wires the process to the CLI; everything else lives in main.ts.
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
