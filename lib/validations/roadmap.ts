import { z } from "zod";
import { isIsoDate } from "@/lib/program";
import { int32, safeText } from "./safe-text";

const title = safeText().trim().min(1).max(200);
const week = int32().min(1).max(104);
const note = safeText().trim().max(1000).optional();

export const createMilestoneSchema = z.object({
  /** The work stream's key (e.g. `rbac`). */
  workStream: safeText().trim().min(1).max(100),
  title,
  week,
});

export const updateMilestoneSchema = z
  .object({ title: title.optional(), week: week.optional() })
  .refine((v) => v.title !== undefined || v.week !== undefined, {
    message: "give a title or a week",
    path: ["title"],
  });

/**
 * The day a tick's work was done (YYYY-MM-DD, default today), not in the future (UTC). That it is not before its
 * phase's start is checked where the phase is known (setMilestoneDone, setCriterionMet).
 */
const doneOn = z
  .string()
  .refine(isIsoDate, { message: "must be a date (YYYY-MM-DD)" })
  .refine((d) => d <= new Date().toISOString().slice(0, 10), { message: "must not be in the future" })
  .optional();

export const setMilestoneDoneSchema = z.object({ done: z.boolean(), note, doneOn });

export const setCriterionMetSchema = z.object({ met: z.boolean(), note, doneOn });

export type CreateMilestoneInput = z.infer<typeof createMilestoneSchema>;
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;
export type SetMilestoneDoneInput = z.infer<typeof setMilestoneDoneSchema>;
export type SetCriterionMetInput = z.infer<typeof setCriterionMetSchema>;
