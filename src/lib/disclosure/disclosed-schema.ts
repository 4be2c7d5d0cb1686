/**
 * The schema of a result after disclosure control, derived from the schema of the result before it.
 */
import { z } from "zod";
import { DISCLOSURE_DERIVED_TEXT_FIELDS } from "./disclosed.js";
import { isPupilIdentifierField } from "./identifiers.js";

const DERIVED_TEXT = new Set<string>(DISCLOSURE_DERIVED_TEXT_FIELDS);

function widen(schema: z.ZodType, key: string | null): z.ZodType {
  if (schema instanceof z.ZodOptional) return widen(schema.unwrap() as z.ZodType, key).optional();
  if (schema instanceof z.ZodNullable) {
    const inner = widen(schema.unwrap() as z.ZodType, key);
    return inner instanceof z.ZodNullable ? inner : inner.nullable();
  }
  if (schema instanceof z.ZodDefault) return widen(schema.unwrap() as z.ZodType, key);
  if (schema instanceof z.ZodNumber || schema instanceof z.ZodBoolean) return schema.nullable();
  if ((schema instanceof z.ZodString || schema instanceof z.ZodEnum) && key !== null && DERIVED_TEXT.has(key)) {
    return schema.nullable();
  }
  if (schema instanceof z.ZodArray) return z.array(widen(schema.element as z.ZodType, null));
  if (schema instanceof z.ZodUnion) {
    return z.union((schema.options as readonly z.ZodType[]).map((o) => widen(o, key)) as unknown as [z.ZodType, z.ZodType]);
  }
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, widen(schema.valueType as z.ZodType, null));
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const w = widen(v, k);
      shape[k] = isPupilIdentifierField(k) && !(w instanceof z.ZodOptional) ? w.optional() : w;
    }
    if (!("suppressed" in shape)) shape.suppressed = z.boolean().optional();
    if (!("suppressionReason" in shape)) shape.suppressionReason = z.string().optional();
    // A cell shown with some of its figures hidden names them (`fields.ts`: field-level suppression).
    if ("n" in shape && !("suppressedFields" in shape)) shape.suppressedFields = z.array(z.string()).optional();
    const widened = z.object(shape);
    return schema.meta() ? widened.meta(schema.meta() as Record<string, unknown>) : widened;
  }
  return schema;
}

/**
 * The schema of a result after `applyDisclosure`, from the schema of the result before it: every number and
 * yes/no flag may be `null` (suppressed), every derived word (`DISCLOSURE_DERIVED_TEXT_FIELDS`) may be
 * `null`, every object may carry `suppressed` and `suppressionReason`, every cell (an object with `n`) the
 * `suppressedFields` hidden while it is shown, and identifier fields are optional
 * (disclosure removes them). Literals, labels and other text are unchanged.
 * @param schema a zod schema of plain objects, arrays, unions, records and scalars
 * @returns a zod schema; its static type is `z.ZodType` (use `Disclosed<T>` for the value's type)
 * @example
 * disclosedSchema(z.object({ n: z.number(), band: z.enum(["below", "above"]) }))
 *   .parse({ n: null, band: null, suppressed: true, suppressionReason: "fewer than 6 pupils" })
 * // => { n: null, band: null, suppressed: true, suppressionReason: "fewer than 6 pupils" }
 */
export function disclosedSchema(schema: z.ZodType): z.ZodType {
  return widen(schema, null);
}
