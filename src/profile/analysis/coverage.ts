// The coverage curve: how few functions, costliest first, account for 50%, 80% and 95% of a
// profile's self cost ("the 5% of code that runs 95% of the time").
import type { FunctionStats } from '../model.js';
import type { Coverage } from './types.js';

export const COVERAGE_SHARES: readonly number[] = [0.5, 0.8, 0.95];

export function computeCoverage(functions: readonly FunctionStats[], shares: readonly number[] = COVERAGE_SHARES): Coverage {
  const costs = functions.map((f) => Math.max(0, f.self)).filter((c) => c > 0);
  costs.sort((a, b) => b - a);
  const sum = costs.reduce((acc, c) => acc + c, 0);
  const functionCount = functions.length;
  const levels = shares.map((share) => {
    let needed = 0;
    if (sum > 0) {
      // A relative epsilon keeps 95% of a float sum reachable despite rounding in the running total.
      const target = share * sum * (1 - 1e-12);
      let running = 0;
      while (needed < costs.length && running < target) running += costs[needed++]!;
    }
    return { share, functions: needed, fractionOfFunctions: functionCount > 0 ? needed / functionCount : 0 };
  });
  return { functionCount, functionsWithCost: costs.length, levels };
}
