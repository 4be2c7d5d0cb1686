/** Helpers shared by the documentation tests (jsdoc.test.ts, examples.test.ts). */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** Every TypeScript source file under `dir` (declaration files left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

/** Whether a declaration carries `export`. */
export function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
