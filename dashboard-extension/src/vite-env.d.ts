/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Path of PodOps' GraphQL endpoint on the origin serving the extension (default `/graphql/`). */
  readonly VITE_PODOPS_API_PATH?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
