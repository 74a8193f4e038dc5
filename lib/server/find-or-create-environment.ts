import "server-only";
import { getDb } from "./db";

/** Environments come into being with their first scan; concurrent first scans must not collide. */
export async function findOrCreateEnvironment(projectId: string, name: string, description = "") {
  const db = await getDb();
  await db.environment.createMany({ data: [{ projectId, name, description }], skipDuplicates: true });
  return db.environment.findUniqueOrThrow({ where: { projectId_name: { projectId, name } } });
}
