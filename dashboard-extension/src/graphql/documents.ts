/** GraphQL documents the extension sends to PodOps (typed by codegen from the committed SDL). */
import { graphql } from "./generated";

export const ApiVersionQuery = graphql(`
  query ApiVersion {
    apiVersion
  }
`);
