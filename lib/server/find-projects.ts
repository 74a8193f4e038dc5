import "server-only";
import { getDb } from "./db";

export async function findProjects() {
  const db = await getDb();
  return db.project.findMany({ orderBy: { name: "asc" } });
}
