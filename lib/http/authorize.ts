export type Permission = "project:read" | "project:create" | "scan:write";
export type Actor = { kind: "anonymous" };

/**
 * The single place where every API route asks who is calling and whether they may do this. Until users and
 * tokens exist (the auth work), every caller is anonymous and allowed; routes call it all the same so that
 * adding authentication changes this function only. Refusals will be thrown as HttpError (401/403/404).
 */
export async function authorize(
  _request: Request,
  _projectSlug: string,
  _permission: Permission,
): Promise<Actor> {
  return { kind: "anonymous" };
}
