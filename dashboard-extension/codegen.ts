/**
 * Typed GraphQL documents from PodOps' committed SDL (`podops export_schema` writes
 * saleor_podops/graphql/schema.graphql). Documents are written inline with `graphql(...)` in src/ and
 * compiled to typed strings for the fetch-based client.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

import type { CodegenConfig } from "@graphql-codegen/cli";

const COMMITTED_SDL = "../saleor_podops/graphql/schema.graphql";

/**
 * Until the SDL file is committed, print the schema from the Python code (the same thing
 * `podops export_schema` does) into a cache file. Remove once the SDL is committed.
 */
function schemaPath(): string {
  if (existsSync(COMMITTED_SDL)) {
    return COMMITTED_SDL;
  }
  const python = process.env.PODOPS_PYTHON ?? resolve("../.venv/bin/python");
  const sdl = execFileSync(
    python,
    [
      "-c",
      "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'saleor_podops.settings'); " +
        "django.setup(); from saleor_podops.graphql.schema import schema; print(schema)",
    ],
    { cwd: "..", encoding: "utf8" },
  );
  mkdirSync("node_modules/.cache", { recursive: true });
  const cached = "node_modules/.cache/podops-schema.graphql";
  writeFileSync(cached, sdl);
  return cached;
}

const config: CodegenConfig = {
  schema: schemaPath(),
  documents: ["src/**/*.{ts,tsx}", "!src/graphql/generated/**"],
  ignoreNoDocuments: true,
  generates: {
    "src/graphql/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        scalars: {
          DateTime: "string",
          Date: "string",
          Decimal: "string",
          JSONString: "string",
          UUID: "string",
          Upload: "File",
        },
      },
    },
  },
};

export default config;
