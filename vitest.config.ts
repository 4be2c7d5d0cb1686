import { defineConfig } from "vitest/config";

// Tests run in a fixed time zone so date handling is deterministic (design habit 7).
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
