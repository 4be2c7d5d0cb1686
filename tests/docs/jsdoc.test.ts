/**
 * Guards the house rule "JSDoc with an example on every export": every exported function, class, const and
 * type in src/lib and src/data has a JSDoc comment, and every exported function and class (including consts
 * that hold a function) has an `@example`.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { isExported, sourceFiles } from "./source-files.js";


function undocumented(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    const docs = ts.getJSDocCommentsAndTags(statement).map((d) => d.getText()).join("\n");
    const holdsFunction = ts.isVariableStatement(statement) && statement.declarationList.declarations.some(
      (d) => d.initializer !== undefined && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)),
    );
    const needsExample = ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || holdsFunction;
    const name = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText()).join(",")
      : (statement as ts.DeclarationStatement).name?.getText() ?? "(anonymous)";
    if (docs === "") missing.push(`${file}: ${name} has no JSDoc`);
    else if (needsExample && !docs.includes("@example")) missing.push(`${file}: ${name} has no @example`);
  }
  return missing;
}

describe("every export is documented", () => {
  it("src/lib and src/data: JSDoc on every export, @example on every function and class", () => {
    const files = [...sourceFiles("src/lib"), ...sourceFiles("src/data")];
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(undocumented)).toEqual([]);
  });
});

describe("README", () => {
  it("opens with the two commands", () => {
    const readme = readFileSync("README.md", "utf8");
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(block.split("\n")[0]).toMatch(/^npm install && npm run report/);
    expect(block.split("\n")[1]).toMatch(/^npm test/);
  });
});
