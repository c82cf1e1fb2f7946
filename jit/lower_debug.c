/* lower_debug.c - source positions in the IR (a line table).
 *
 * Asked for by jit_remarks (`jit ir --remarks`), `jit asm -g`, `jit ptx -g`
 * and JIT_DEBUG_INFO=1 / jit_options.debug_info; without it lowering makes no
 * debug metadata at all and every function here returns at once.
 *
 * What it makes: one compile unit for the script's file, a DISubprogram for
 * every function that holds lowered code (specializations, outlined prange
 * bodies, entry wrappers), the builder's current location set at every
 * statement (lower_stmt) and at calls and array expressions, and each loop's
 * position in its llvm.loop metadata: Loop::getStartLoc reads it there first,
 * and it survives rotation, versioning and inlining (then with an inlinedAt
 * chain), which the position of whatever block LLVM makes the preheader
 * does not.
 *
 * Remarks print only the innermost position, so a loop of an inlined script
 * function reports the callee's line. For NumPy prelude code that would be a
 * line of jit/prelude.py, which tells the user nothing: each prelude
 * specialization gets a file of its own, "<prelude#ID>", and the calls into
 * the prelude are noted (lw_dbg_call) so that lower_debug_where can put the
 * remark at the script's call site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/DebugInfo.h>

#include "lower.h"

/* The C API's LLVMDWARFEmissionKind lacks DICompileUnit::DebugDirectivesOnly
 * (3), which it passes through unchanged: .file/.loc lines only, no DWARF
 * sections, what NVPTX needs for ptxas without -g. */
#define DWARF_DIRECTIVES_ONLY ((LLVMDWARFEmissionKind)3)

#define DIB(L) ((LLVMDIBuilderRef)(L)->dib)

void lw_dbg_begin(Lower *L)
{
    if (!L->dbg)
        return;
    LLVMDIBuilderRef dib = LLVMCreateDIBuilder(L->M);
    L->dib = dib;
    const char *f = L->diags->file;
    L->di_file = LLVMDIBuilderCreateFile(dib, f, strlen(f), "", 0);
    L->di_cu = LLVMDIBuilderCreateCompileUnit(
        dib, LLVMDWARFSourceLanguagePython, L->di_file, "libjit", 6, 1, "", 0, 0, "", 0,
        L->dbg->directives_only ? DWARF_DIRECTIVES_ONLY : LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0);
    LLVMAddModuleFlag(L->M, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                      LLVMValueAsMetadata(LLVMConstInt(L->i32, LLVMDebugMetadataVersion(), 0)));
}

void lw_dbg_end(Lower *L)
{
    if (!L->dib)
        return;
    LLVMSetCurrentDebugLocation2(L->B, NULL);
    LLVMDIBuilderFinalize(DIB(L));
    LLVMDisposeDIBuilder(DIB(L));
    L->dib = NULL;
    L->di_scope = NULL;
}

/* The file a specialization's positions refer to. */
static LLVMMetadataRef func_file(Lower *L, const TypedFunc *tf)
{
    if (!lw_in_prelude(L, tf))
        return L->di_cu ? LLVMDIScopeGetFile(L->di_cu) : L->di_file;
    char name[48];
    int n = snprintf(name, sizeof name, "<prelude#%d>", tf->id);
    return LLVMDIBuilderCreateFile(DIB(L), name, (size_t)n, "", 0);
}

void lw_dbg_func(Lower *L, LLVMValueRef fn, const char *name, TypedFunc *tf, Pos pos)
{
    if (!L->dib)
        return;
    if (tf)
        L->di_file = func_file(L, tf);
    LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(DIB(L), L->di_file, NULL, 0, LLVMDIFlagZero);
    size_t len = 0;
    const char *link = LLVMGetValueName2(fn, &len);
    unsigned line = pos.line > 0 ? (unsigned)pos.line : 0;
    LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(DIB(L), L->di_file, name, strlen(name), link, len, L->di_file,
                                                     line, ty, 1, 1, line, LLVMDIFlagZero, 1);
    LLVMSetSubprogram(fn, sp);
    L->di_scope = sp;
    lw_dbg_at(L, pos);
}

void lw_dbg_none(Lower *L)
{
    if (!L->dib)
        return;
    L->di_scope = NULL;
    LLVMSetCurrentDebugLocation2(L->B, NULL);
}

void lw_dbg_at(Lower *L, Pos pos)
{
    if (!L->di_scope)
        return;
    LLVMMetadataRef loc = LLVMDIBuilderCreateDebugLocation(L->C, pos.line > 0 ? (unsigned)pos.line : 0,
                                                           pos.col > 0 ? (unsigned)pos.col : 0, L->di_scope, NULL);
    LLVMSetCurrentDebugLocation2(L->B, loc);
}

LLVMMetadataRef lw_dbg_here(Lower *L)
{
    return L->di_scope ? LLVMGetCurrentDebugLocation2(L->B) : NULL;
}

Pos lw_dbg_pos(Lower *L)
{
    LLVMMetadataRef loc = lw_dbg_here(L);
    Pos p = {0, 0};
    if (loc) {
        p.line = (int)LLVMDILocationGetLine(loc);
        p.col = (int)LLVMDILocationGetColumn(loc);
    }
    return p;
}

void lw_dbg_set(Lower *L, LLVMMetadataRef scope, LLVMMetadataRef loc)
{
    if (!L->dib)
        return;
    L->di_scope = scope;
    LLVMSetCurrentDebugLocation2(L->B, loc);
}

void lw_loop(Lower *L, LLVMValueRef br, int cold)
{
    LLVMMetadataRef loc = lw_dbg_here(L);
    if (!cold && !loc)
        return;
    /* a loop ID refers to itself: made through a temporary node */
    LLVMMetadataRef tmp = LLVMTemporaryMDNode(L->C, NULL, 0);
    LLVMMetadataRef ops[4];
    unsigned n = 0;
    ops[n++] = tmp;
    if (loc)
        ops[n++] = loc;
    if (cold) {
        LLVMMetadataRef f = LLVMValueAsMetadata(LLVMConstInt(L->i1, 0, 0));
        LLVMMetadataRef vec[2] = {LLVMMDStringInContext2(L->C, "llvm.loop.vectorize.enable", 26), f};
        LLVMMetadataRef unr[1] = {LLVMMDStringInContext2(L->C, "llvm.loop.unroll.disable", 24)};
        ops[n++] = LLVMMDNodeInContext2(L->C, vec, 2);
        ops[n++] = LLVMMDNodeInContext2(L->C, unr, 1);
    }
    LLVMMetadataRef loop = LLVMMDNodeInContext2(L->C, ops, n);
    LLVMMetadataReplaceAllUsesWith(tmp, loop);
    unsigned kid = LLVMGetMDKindIDInContext(L->C, "llvm.loop", 9);
    LLVMSetMetadata(br, kid, LLVMMetadataAsValue(L->C, loop));
}

/* The callee as the script wrote it: np.sum, a.sum, f. */
static const char *callee_text(Lower *L, TypedFunc *callee, const Expr *call)
{
    const Expr *f = call->kind == EX_CALL ? call->call.fn : NULL;
    if (f && f->kind == EX_ATTR && f->attr.obj->kind == EX_NAME)
        return arena_printf(L->prog->arena, "%s.%s", f->attr.obj->name, f->attr.name);
    if (f && f->kind == EX_NAME)
        return f->name;
    return callee->src->name;
}

void lw_dbg_call(Lower *L, TypedFunc *callee, Expr *call)
{
    if (!L->dbg || !lw_in_prelude(L, callee))
        return;
    LowerCallSite *s = arena_alloc(L->prog->arena, sizeof *s);
    if (!s)
        return;
    *s = (LowerCallSite){L->tf->id, callee->id, call->pos, callee_text(L, callee, call)};
    vec_push(L->prog->arena, &L->dbg->sites, s);
}

/* ---------- remark positions ---------- */

#define WHERE_MAX 4

/* The script's calls that reach prelude specialization id (through other
 * prelude functions too), at most max of them. */
static int script_sites(const LowerDebug *dbg, const Program *prog, int id, const LowerCallSite **out, int n,
                        int max, int depth)
{
    for (int i = 0; i < dbg->sites.len && n < max; i++) {
        const LowerCallSite *s = dbg->sites.items[i];
        if (s->callee != id || s->caller < 0 || s->caller >= prog->nfuncs)
            continue;
        const TypedFunc *caller = prog->funcs[s->caller];
        if (caller->mod && caller->mod == prog->prelude) {
            if (depth < 8 && s->caller != id)
                n = script_sites(dbg, prog, s->caller, out, n, max, depth + 1);
            continue;
        }
        int seen = 0;
        for (int k = 0; k < n; k++)
            seen |= out[k]->pos.line == s->pos.line && out[k]->pos.col == s->pos.col;
        if (!seen)
            out[n++] = s;
    }
    return n;
}

int lower_debug_where(const LowerDebug *dbg, const Program *prog, const char *rfile, int rline, int rcol,
                      const char **file, int *line, int *col, char *note, size_t n)
{
    *file = rfile;
    *line = rline;
    *col = rcol;
    if (n)
        note[0] = 0;
    int id;
    if (!dbg || sscanf(rfile, "<prelude#%d>", &id) != 1)
        return -1;
    const LowerCallSite *s[WHERE_MAX];
    int k = script_sites(dbg, prog, id, s, 0, WHERE_MAX, 0);
    if (!k) {
        /* only reached from code of no script line (a synthesized loop) */
        *file = LW_PRELUDE_FILE;
        return 0;
    }
    *file = prog->diags->file;
    *line = s[0]->pos.line;
    *col = s[0]->pos.col;
    size_t w = (size_t)snprintf(note, n, "in %s", s[0]->name);
    for (int i = 1; i < k && w < n; i++)
        w += (size_t)snprintf(note + w, n - w, "%s %d:%d", i == 1 ? "; the same code is also called at" : ",",
                              s[i]->pos.line, s[i]->pos.col);
    return 0;
}
