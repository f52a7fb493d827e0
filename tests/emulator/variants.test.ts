import { chooseVariants, describeVariants, VARIANT_NAMES, variantOptionsFrom } from "../../emulator/variants";

describe("emulator variants", () => {
  it("without a seed: the documented defaults, first choice everywhere", () => {
    const chosen = chooseVariants();
    expect(Object.values(chosen.picks).every((pick) => pick === 0)).toBe(true);
    expect(chosen.values.downloadContentType).toBe("application/zip");
    expect(describeVariants(chosen)).toBe("emulator variants: the documented defaults (no seed)");
  });

  it("a seed chooses the same variants every time, and a pin changes only its own dimension", () => {
    const seeds = [...Array(64).keys()];
    const chosen = seeds.map((seed) => chooseVariants({ seed }));
    expect(seeds.map((seed) => chooseVariants({ seed }).picks)).toEqual(chosen.map((c) => c.picks));
    // 64 seeds reach every choice of every dimension.
    for (const name of VARIANT_NAMES)
      expect(new Set(chosen.map((c) => c.picks[name])).size).toBeGreaterThan(1);
    const pinned = chooseVariants({ seed: 5, pick: { freezeResult: 3 } });
    expect(pinned.picks).toEqual({ ...chooseVariants({ seed: 5 }).picks, freezeResult: 3 });
    expect(describeVariants(pinned)).toMatch(/^emulator variants: seed 5 \{.*"freezeResult":3/);
  });

  it("refuses a pin that is not one of the choices", () => {
    expect(() => chooseVariants({ seed: 1, pick: { iamErrorShape: 2 } })).toThrow(
      /variant iamErrorShape: 2 is not an index of its 2 choices/,
    );
  });

  it("reads the seed from BCS_EMULATOR_VARIANT_SEED: a number, random, or nothing", () => {
    expect(variantOptionsFrom(undefined, "X")).toBeUndefined();
    expect(variantOptionsFrom("", "X")).toBeUndefined();
    expect(variantOptionsFrom("4294967295", "X")).toEqual({ seed: 4294967295 });
    expect(variantOptionsFrom("random", "X")?.seed).toEqual(expect.any(Number));
    for (const bad of ["-1", "1.5", "4294967296", "0x10", "seven"])
      expect(() => variantOptionsFrom(bad, "BCS_EMULATOR_VARIANT_SEED")).toThrow(
        /BCS_EMULATOR_VARIANT_SEED: .* is not an unsigned 32-bit integer or "random"/,
      );
  });
});
