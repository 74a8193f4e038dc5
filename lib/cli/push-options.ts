/** The flags that name where a scan goes (`scan --push`, `push`), validated with zod. */
import { z } from "zod";
import type { PushTarget } from "./push-client.ts";

export const PUSH_OPTIONS = {
  push: { type: "string" },
  server: { type: "string" },
  project: { type: "string" },
  environment: { type: "string" },
  token: { type: "string" },
  "git-ref": { type: "string" },
  "git-commit": { type: "string" },
  message: { type: "string" },
  "idempotency-key": { type: "string" },
} as const;

const slug = (flag: string) =>
  z
    .string({ error: `--${flag} is required to push` })
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, `--${flag}: lower-case letters, digits and dashes`);

export const pushOptionsSchema = z.object({
  server: z.url({ protocol: /^https?$/, message: "the server must be an http(s) URL" }),
  project: slug("project"),
  environment: slug("environment"),
  token: z.string().min(1).optional(),
  gitRef: z.string().min(1).optional(),
  gitCommit: z
    .string()
    .regex(/^[0-9a-f]{4,64}$/i, "--git-commit must be a hexadecimal commit id")
    .optional(),
  message: z.string().min(1).optional(),
  format: z.string().optional(),
  idempotencyKey: z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, "--idempotency-key: 8 to 200 printable ASCII characters")
    .optional(),
}) satisfies z.ZodType<PushTarget>;

type Values = Record<string, string | string[] | boolean | undefined>;
const str = (v: Values[string]) => (typeof v === "string" ? v : undefined);

/** Raw flag values → the object pushOptionsSchema validates (token falls back to $RAMPART_TOKEN). */
export function pushTargetFromArgs(v: Values, server: string, env: NodeJS.ProcessEnv = process.env) {
  return {
    server,
    project: str(v.project),
    environment: str(v.environment),
    token: str(v.token) ?? env.RAMPART_TOKEN ?? undefined,
    gitRef: str(v["git-ref"]),
    gitCommit: str(v["git-commit"]),
    message: str(v.message),
    idempotencyKey: str(v["idempotency-key"]),
  };
}
