/* perfmap.h - names of JIT'd functions for profilers: the perf map
 * (/tmp/perf-PID.map, one "START SIZE NAME" line per function, hex), which
 * `perf report` and `perf top` read for addresses in no mapped file.
 * Written when jit_options.perf_map is set (JIT_PERF_MAP=1, `jit run
 * --perf-map` or -g); see docs/performance.md, "Profiling with perf". */
#ifndef JIT_PERFMAP_H
#define JIT_PERFMAP_H

#include <llvm-c/Types.h>

struct Engine;

/* The functions of an object, taken from its symbol table before ORC owns
 * the buffer. */
typedef struct PerfSym {
    char *name;
    char *section;            /* where it lies: its address is found from
                                 another symbol of the same section */
    uint64_t offset, size;
} PerfSym;

typedef struct PerfSyms {
    PerfSym *syms;
    int n;
} PerfSyms;

/* Reads the function symbols of obj (no error: an object it cannot read
 * gives no lines). */
void perfmap_collect(PerfSyms *ps, LLVMMemoryBufferRef obj);

/* After the object was added: finds the functions' addresses (one ORC
 * lookup of a global symbol per section, which links the object), appends
 * their lines to the map in one write, and frees ps. */
void perfmap_write(struct Engine *e, PerfSyms *ps);

/* The process's failure to open the map ("" if none): noted once among the
 * context's warnings; the run goes on without the map. */
const char *perfmap_warning(void);

/* The name a line gives a symbol: "FILE:NAME [SYMBOL]", the Python name
 * without the compiler's numbering (j3.escape.2 -> escape; the entry gets
 * its signature). Exposed for the unit tests. */
void perfmap_name(char *buf, size_t n, const char *sym, const char *file, const char *entry, const char *entry_sig);

#endif
