import { z } from "zod";

const title = z.string().trim().min(1).max(200);
const week = z.number().int().min(1).max(104);
const note = z.string().trim().max(1000).optional();

export const createMilestoneSchema = z.object({
  /** The work stream's key (e.g. `rbac`). */
  workStream: z.string().trim().min(1).max(100),
  title,
  week,
});

export const updateMilestoneSchema = z
  .object({ title: title.optional(), week: week.optional() })
  .refine((v) => v.title !== undefined || v.week !== undefined, {
    message: "give a title or a week",
    path: ["title"],
  });

export const setMilestoneDoneSchema = z.object({ done: z.boolean(), note });

export const setCriterionMetSchema = z.object({ met: z.boolean(), note });

export type CreateMilestoneInput = z.infer<typeof createMilestoneSchema>;
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;
export type SetMilestoneDoneInput = z.infer<typeof setMilestoneDoneSchema>;
export type SetCriterionMetInput = z.infer<typeof setCriterionMetSchema>;
