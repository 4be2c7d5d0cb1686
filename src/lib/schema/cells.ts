/**
 * The cell convention every analysis result follows, so that one disclosure function can apply an audience
 * policy to any result (see `src/lib/disclosure/`).
 *
 * - A **cell** is any object with a numeric `n` (pupils in the group it describes). Its figures (`count`,
 *   `rate`, `mean`, `lower`, `upper`, …: every numeric field but `n`) describe those `n` pupils.
 * - A **partition** is a set of sibling cells (in one array) that carry the same `partition` string: they split
 *   one parent group (e.g. SEN status N/K/E within "Y6 reading, summer 2025"). A cell with `isTotal: true` in
 *   the same partition is the parent. Secondary suppression works within a partition.
 * - A **pupil-level list** is an object `{ pupilLevel: true, rows: [...] }`; it is for the SENCO only and is
 *   removed for governors.
 * - Empty-group policy: a group with no pupils is `n: 0` with `count: 0` (where counted) and `rate: null`,
 *   `mean: null`, `lower: null`, `upper: null`, never NaN.
 */
import { z } from "zod";

/**
 * The common figures of a cell. Analyses extend this with their own fields (group keys, labels, …).
 * @example
 * Cell.parse({ n: 30, count: 21, rate: 0.7, lower: 0.52, upper: 0.83 })
 */
export const Cell = z.object({
  n: z.number().int().nonnegative(),
  count: z.number().nullable().optional(),
  rate: z.number().nullable().optional(),
  mean: z.number().nullable().optional(),
  lower: z.number().nullable().optional(),
  upper: z.number().nullable().optional(),
  partition: z.string().optional(),
  isTotal: z.boolean().optional(),
  suppressed: z.boolean().optional(),
  suppressionReason: z.string().optional(),
});
/** The common figures of a cell. */
export type Cell = z.infer<typeof Cell>;

/**
 * A pupil-level list (for the SENCO only; disclosure control removes it for governors).
 * @example
 * const list = pupilLevelList(z.object({ pupilId: z.string() }));
 * list.parse({ pupilLevel: true, rows: [{ pupilId: "A…" }] })
 */
export function pupilLevelList<T extends z.ZodType>(row: T) {
  return z.object({ pupilLevel: z.literal(true), rows: z.array(row), removed: z.string().optional() });
}
