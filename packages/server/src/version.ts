/** The attune release recorded with every analysis run (kept equal to the root package.json; tested). */
export const ATTUNE_VERSION = "0.1.0";
