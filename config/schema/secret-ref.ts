/** A container secret: where ECS reads it (the service's `secrets` and its sidecars'). */
import * as z from "zod/mini";
import { nonEmpty, optional, secretRef, ssmParameterRef } from "./primitives";

export const secretRefSchema = z.union(
  [
    z.strictObject({ parameter: nonEmpty }),
    z.strictObject({ ssmParameter: ssmParameterRef }),
    z.strictObject({ secretsManager: secretRef, jsonKey: optional(nonEmpty) }),
  ],
  { error: "allowed: { parameter: <declared parameter key> } | { ssmParameter: <name or ARN> } | { secretsManager: <name or ARN>, jsonKey?: <key> }" },
);
