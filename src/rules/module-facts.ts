// Facts about a whole module that several rules ask before doing any real work (imports, async
// defs, module-level classes): from the parser's lists, or one walk over its statements.
import type { Attribute, ClassDef, Import, ImportFrom, Module } from '../parse/ast.js';
import { forEachStatement } from '../semantic/node-kinds.js';

export interface ModuleFacts {
  /** Top-level modules imported anywhere (`import os.path`, `from os import sep` → `os`). */
  readonly importedModules: ReadonlySet<string>;
  /** Names bound by an `import` statement anywhere (`import os.path` → `os`, `import numpy as np` → `np`): the only names that can denote a module. */
  readonly namesBoundByImport: ReadonlySet<string>;
  /** Some `async def` anywhere in the module. */
  readonly hasAsyncDef: boolean;
  /** Some class defined at module level (in the module body or its if/try/with/loop blocks, not in a def or class). */
  readonly hasModuleLevelClass: boolean;
  /** Those classes, in source order. */
  readonly moduleLevelClasses: readonly ClassDef[];
  /**
   * Every `name.attr` (an attribute of a plain name) in the module, in the order the parser built
   * them, when it listed them: undefined after syntax errors (a rule then visits `Attribute` nodes).
   */
  readonly nameAttributes: readonly Attribute[] | undefined;
}

/** What the parser listed while building the module (`ParseResult.index`). */
export interface ListedDefinitions {
  readonly imports: readonly (Import | ImportFrom)[];
  readonly moduleLevelClasses: readonly ClassDef[];
  readonly hasAsyncDef: boolean;
  readonly nameAttributes: readonly Attribute[];
}

/**
 * The facts of `module`: from the parser's lists when given (only for a parse without syntax
 * errors: error recovery may have dropped listed statements from the tree), else from one walk
 * over its statements.
 */
export function findModuleFacts(module: Module, listed?: ListedDefinitions): ModuleFacts {
  if (!listed) return findFacts(module);
  const importedModules = new Set<string>();
  const namesBoundByImport = new Set<string>();
  for (const s of listed.imports) addImport(s, importedModules, namesBoundByImport);
  const moduleLevelClasses = [...listed.moduleLevelClasses].sort((a, b) => a.lineno - b.lineno || a.col_offset - b.col_offset);
  return { importedModules, namesBoundByImport, hasAsyncDef: listed.hasAsyncDef, hasModuleLevelClass: moduleLevelClasses.length > 0, moduleLevelClasses, nameAttributes: listed.nameAttributes };
}

function addImport(s: Import | ImportFrom, importedModules: Set<string>, namesBoundByImport: Set<string>): void {
  if (s._type === 'Import') {
    for (const a of s.names) {
      const top = topLevel(a.name);
      importedModules.add(top);
      namesBoundByImport.add(a.asname ?? top);
    }
  } else if ((s.level ?? 0) === 0 && s.module) {
    importedModules.add(topLevel(s.module));
  }
}

/** `os.path` → `os` */
function topLevel(dotted: string): string {
  const dot = dotted.indexOf('.');
  return dot === -1 ? dotted : dotted.slice(0, dot);
}

function findFacts(module: Module): ModuleFacts {
  const importedModules = new Set<string>();
  const namesBoundByImport = new Set<string>();
  let hasAsyncDef = false;
  const moduleLevelClasses: ClassDef[] = [];
  // the state is whether the statement sits at module level (outside every def and class)
  forEachStatement(module.body, module, true, (s, _owner, atModuleLevel) => {
    switch (s._type) {
      case 'Import':
      case 'ImportFrom':
        addImport(s, importedModules, namesBoundByImport);
        return atModuleLevel;
      case 'AsyncFunctionDef':
        hasAsyncDef = true;
        return false;
      case 'FunctionDef':
        return false;
      case 'ClassDef':
        if (atModuleLevel) moduleLevelClasses.push(s);
        return false;
      default:
        return atModuleLevel;
    }
  });
  // the enumeration is not in source order
  moduleLevelClasses.sort((a, b) => a.lineno - b.lineno || a.col_offset - b.col_offset);
  return { importedModules, namesBoundByImport, hasAsyncDef, hasModuleLevelClass: moduleLevelClasses.length > 0, moduleLevelClasses, nameAttributes: undefined };
}
