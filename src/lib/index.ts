/**
 * sendscope: SEND analytics for English schools. The one barrel of named exports, grouped by concept.
 * @example
 * import { importFolder, isValidUpn } from "sendscope";
 */

// --- schema: the typed records and the import report -------------------------------------------------
export * from "./schema/primitives.js";
export * from "./schema/records.js";
export * from "./schema/report.js";
export * from "./schema/school-data.js";

// --- reference data: code lists and national figures ---------------------------------------------------
export * from "../data/codes.js";

// --- import: MIS and assessment exports -> SchoolData ----------------------------------------------------
export { FIELDS, REQUIRED_FIELDS, KNOWN_LAYOUTS, normaliseHeader, headerFor } from "./import/layouts.js";
export type { FieldSpec, KnownLayout } from "./import/layouts.js";

// --- errors ---------------------------------------------------------------------------------------------
export { SendscopeError, InvalidArgumentError, ImportError } from "./errors.js";
