import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, InputError } from "@attune/stats";
import { runModel } from "./runModel.ts";

describe("runModel", () => {
  it("reports a model with no complete rows as a problem of the input (a 400 through the API)", () => {
    const frame = dataFrameFromColumns({ y: [], x: [], g: [] as string[] });
    const run = () => runModel("lagged", "y ~ x + (1 | g)", frame, undefined, 12);
    expect(run).toThrow(InputError);
    expect(run).toThrow("lagged: no rows left to fit after removing rows with missing values");
  });

  it("prefixes the engine's input errors with the model's name", () => {
    const frame = dataFrameFromColumns({ y: [1, 2, 3, 4], x: [1, 2, 3, 4], g: ["a", "a", "a", "a"] });
    expect(() => runModel("growth", "y ~ x + (1 | g)", frame, undefined, 4)).toThrow(/^growth: /);
  });
});
