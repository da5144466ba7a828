// API reports of the package entry points (etc/*.api.md), made by API Extractor from the
// emitted declarations (dist/, so build first):
//
//   node scripts/api-report.mjs           check: fails when a report is stale (CI, `npm run api:check`)
//   node scripts/api-report.mjs --local   regenerate the reports (`npm run api`)
//   ... --dist DIR                         read the declarations from DIR instead of dist/
//
// A public signature that names a type no entry point exports is an error (ae-forgotten-export),
// except a type that the entry point's dependencies export: a cloud entry point's signatures
// name core types (WorkloadIdentity, ...), a stack's name its cloud's types.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const local = args.includes("--local");
const distArg = args.indexOf("--dist");
const dist = distArg >= 0 ? path.resolve(args[distArg + 1]) : path.join(root, "dist");

/** entry point -> the entry points whose exports its signatures may name */
const ENTRIES = {
  core: [],
  aws: ["core"],
  gcp: ["core"],
  azure: ["core"],
  tls: ["core"],
  "stacks-kubernetes": ["core"],
  "stacks-eks": ["core", "aws"],
  "stacks-gke": ["core", "gcp"],
  "stacks-aks": ["core", "azure"],
};

const reportOf = (name, temp) =>
  path.join(root, temp ? "node_modules/.cache/api-extractor" : "etc", `${name}.api.md`);

/** Names a report declares as exported. */
function exportsOf(text) {
  const names = new Set();
  for (const m of text.matchAll(
    /^export (?:declare )?(?:abstract )?(?:class|interface|type|const|function|enum|namespace) (\w+)/gm,
  ))
    names.add(m[1]);
  return names;
}

let failed = 0;
const forgotten = {};
for (const name of Object.keys(ENTRIES)) {
  const configPath = path.join(root, "etc", `api-extractor.${name}.json`);
  const configObject = ExtractorConfig.loadFile(configPath);
  const entry = configObject.mainEntryPointFilePath.replace("<projectFolder>/dist", dist);
  if (!fs.existsSync(entry)) {
    console.error(`api-report: ${path.relative(root, entry)} is missing; run npm run build first`);
    process.exit(2);
  }
  configObject.mainEntryPointFilePath = entry;
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: configPath,
    packageJsonFullPath: path.join(root, "package.json"),
  });
  const result = Extractor.invoke(config, {
    localBuild: local,
    showVerboseMessages: false,
    messageCallback: (message) => {
      // The bundled compiler may be newer than the project's; that is fine for .d.ts files.
      if (
        message.messageId === "console-preamble" ||
        message.messageId === "console-compiler-version-notice"
      )
        message.handled = true;
    },
  });
  const reportText = fs.readFileSync(reportOf(name, !local), "utf8");
  forgotten[name] = [
    ...reportText.matchAll(/\(ae-forgotten-export\) The symbol "(\w+)" needs to be exported/g),
  ].map((m) => m[1]);
  if (!result.succeeded) {
    failed++;
    console.error(
      local
        ? `api-report: ${name}: API Extractor failed (see above)`
        : `api-report: ${name}: etc/${name}.api.md is stale or API Extractor failed; run npm run api and review the diff`,
    );
  } else {
    console.log(`api-report: ${name}: ${local ? "written" : "up to date"}`);
  }
}

for (const [name, deps] of Object.entries(ENTRIES)) {
  const allowed = new Set(
    deps.flatMap((d) => [...exportsOf(fs.readFileSync(reportOf(d, !local), "utf8"))]),
  );
  const missing = forgotten[name].filter((s) => !allowed.has(s));
  if (missing.length > 0) {
    failed++;
    console.error(
      `api-report: ${name}: public signatures name types no entry point exports: ${missing.join(", ")} (export them, or keep them out of public signatures)`,
    );
  }
}
process.exit(failed > 0 ? 1 : 0);
