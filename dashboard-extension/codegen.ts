/**
 * Typed GraphQL documents from PodOps' committed SDL (`podops export_schema` writes
 * saleor_podops/graphql/schema.graphql). Documents are written inline with `graphql(...)` in src/ and
 * compiled to typed strings for the fetch-based client.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../saleor_podops/graphql/schema.graphql",
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
          Time: "string",
          JSONString: "string",
          UUID: "string",
          Upload: "File",
        },
      },
    },
  },
};

export default config;
