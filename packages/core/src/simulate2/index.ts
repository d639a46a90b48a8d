// The second simulator (independent of ../simulate): ordinal items, top-box responders, rating habits.
export {
  simulateNetwork2,
  network2Csv,
  type Sim2Network,
  type Sim2Row,
  type Sim2Rupture,
} from "./network.ts";
export { network2Histories } from "./histories.ts";
export { SCENARIOS, type Scenario } from "./scenarios.ts";
export { mulberry, type Random } from "./random.ts";
