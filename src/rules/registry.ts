// Every rule hotspy has, in code order. Adding a rule is one file plus one line here; a test
// checks this list against the rule files under src/rules/<family>/, so none is forgotten.
import type { AnyRule } from './types.js';
import sortedThenIndexed from './complexity/sorted-then-indexed.js';
import lenOfCopiedCollection from './complexity/len-of-copied-collection.js';
import membershipInListInLoop from './complexity/membership-in-list-in-loop.js';
import membershipInLiteralSequence from './complexity/membership-in-literal-sequence.js';
import listShiftInLoop from './complexity/list-shift-in-loop.js';
import listSearchInLoop from './complexity/list-search-in-loop.js';
import stringConcatInLoop from './complexity/string-concat-in-loop.js';
import quadraticListConcatenation from './complexity/quadratic-list-concatenation.js';
import nestedLoopJoin from './complexity/nested-loop-join.js';
import unslottedClassInstantiatedInLoop from './memory/unslotted-class-instantiated-in-loop.js';
import wholeFileReadToIterateLines from './memory/whole-file-read-to-iterate-lines.js';
import unslottedDataclassInstantiatedInLoop from './memory/unslotted-dataclass-instantiated-in-loop.js';
import listComprehensionConsumedOnce from './memory/list-comprehension-consumed-once.js';
import threadsForCpuBoundWork from './concurrency/threads-for-cpu-bound-work.js';
import blockingCallInAsyncFunction from './concurrency/blocking-call-in-async-function.js';
import poolCreatedInLoop from './concurrency/pool-created-in-loop.js';
import processPoolMapWithoutChunksize from './concurrency/process-pool-map-without-chunksize.js';
import stdlibJsonOnHotPath from './native/stdlib-json-on-hot-path.js';
import purePythonNumericLoop from './native/pure-python-numeric-loop.js';
import pandasRowLoop from './native/pandas-row-loop.js';
import regexCompiledInLoop from './native/regex-compiled-in-loop.js';
import listCastInFor from './overhead/list-cast-in-for.js';
import dictItemsPartlyUsed from './overhead/dict-items-partly-used.js';
import tryExceptInLoop from './overhead/try-except-in-loop.js';
import loopInvariantAttributeChain from './overhead/loop-invariant-attribute-chain.js';
import globalLookupInLoop from './overhead/global-lookup-in-loop.js';
import dottedImportAccessInLoop from './overhead/dotted-import-access-in-loop.js';
import manualComprehensionLoop from './overhead/manual-comprehension-loop.js';
import rangeLenIndexLoop from './overhead/range-len-index-loop.js';
import deepcopyInLoop from './overhead/deepcopy-in-loop.js';
import strFormatInLoop from './overhead/str-format-in-loop.js';

export const ALL_RULES: readonly AnyRule[] = [
  membershipInListInLoop,
  membershipInLiteralSequence,
  listShiftInLoop,
  listSearchInLoop,
  stringConcatInLoop,
  quadraticListConcatenation,
  nestedLoopJoin,
  sortedThenIndexed,
  lenOfCopiedCollection,
  unslottedClassInstantiatedInLoop,
  wholeFileReadToIterateLines,
  unslottedDataclassInstantiatedInLoop,
  listComprehensionConsumedOnce,
  threadsForCpuBoundWork,
  blockingCallInAsyncFunction,
  poolCreatedInLoop,
  processPoolMapWithoutChunksize,
  stdlibJsonOnHotPath,
  purePythonNumericLoop,
  pandasRowLoop,
  regexCompiledInLoop,
  listCastInFor,
  dictItemsPartlyUsed,
  tryExceptInLoop,
  loopInvariantAttributeChain,
  globalLookupInLoop,
  dottedImportAccessInLoop,
  manualComprehensionLoop,
  rangeLenIndexLoop,
  deepcopyInLoop,
  strFormatInLoop,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const BY_CODE = new Map(ALL_RULES.map((rule) => [rule.code, rule]));

/** The rule with this code (case-insensitive), if any. */
export function ruleByCode(code: string): AnyRule | undefined {
  return BY_CODE.get(code.toUpperCase());
}
