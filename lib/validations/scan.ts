import { z } from "zod";
import { slugSchema } from "./ingest";
import { safeText } from "./safe-text";

/** A scan's id as it arrives in a path or query. */
export const scanIdSchema = safeText().trim().min(1).max(100);

/** `?from=<scan id>&to=<scan id>` of the diff. */
export const scanPairQuerySchema = z.object({ from: scanIdSchema, to: scanIdSchema });

/** `GET …/scans[?environment=]`. */
export const scanListQuerySchema = z.object({ environment: slugSchema.optional() });
