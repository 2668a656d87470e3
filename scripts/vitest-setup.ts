import fc from "fast-check"

// CI runs the property tests with a fixed seed, so whether a submission lands does not depend on chance;
// a local run explores new cases each time (and prints the seed of any failure). FC_SEED overrides both.
const seed = process.env.FC_SEED ?? (process.env.CI ? "20260511" : undefined)
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) })
