/**
 * The identity of a group in a disclosed result, read from the cell convention's links (one place for
 * `applyDisclosure`, the field rules and the audit, which each wrote their own copy): a cell's own
 * `partition` + `group`, and the groups it names in `sameAs` (the same pupils in another table) or
 * `dependsOn` (groups a derived figure is worked out from).
 */

type Obj = Record<string, unknown>;

/**
 * The key of one group: its partition and group, or `null` when either is not text.
 * @example
 * identityKey("attendance|2025/26|senStatus", "K") // => "attendance|2025/26|senStatus\u0000K"
 * identityKey(undefined, "K") // => null
 */
export function identityKey(partition: unknown, group: unknown): string | null {
  return typeof partition === "string" && typeof group === "string" ? `${partition}\u0000${group}` : null;
}

/**
 * The keys of a list of links (`sameAs` or `dependsOn`: objects `{ partition, group }`); anything else is
 * skipped.
 * @example
 * linkKeys([{ partition: "p", group: "K" }, "junk"]) // => ["p\u0000K"]
 */
export function linkKeys(list: unknown): string[] {
  const keys: string[] = [];
  if (Array.isArray(list)) {
    for (const link of list) {
      if (link === null || typeof link !== "object") continue;
      const key = identityKey((link as Obj).partition, (link as Obj).group);
      if (key !== null) keys.push(key);
    }
  }
  return keys;
}

/**
 * The identities of the group a cell describes: its own `partition` + `group`, then those it names in
 * `sameAs`.
 * @example
 * groupIdentities({ partition: "a", group: "N", sameAs: [{ partition: "b", group: "N" }] }) // => ["a\u0000N", "b\u0000N"]
 */
export function groupIdentities(o: Obj): string[] {
  const own = identityKey(o.partition, o.group);
  const linked = linkKeys(o.sameAs);
  return own === null ? linked : [own, ...linked];
}
