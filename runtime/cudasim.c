/* cudasim.c - the CUDA simulator: @cuda.jit kernels compiled for the CPU,
 * run with CUDA's grid, block and barrier semantics.
 *
 * Blocks run one after another. Within a block, a kernel that never reaches
 * syncthreads() is a plain loop over its threads (x fastest). One that does
 * runs each thread as a coroutine (ucontext) with its own stack: the
 * scheduler resumes every thread of the block in turn, each runs until its
 * next syncthreads() or its end, and only when all have arrived does the
 * next round start, which is exactly the barrier's guarantee. (x86-64
 * switches with rt_sim_switch below, other machines with ucontext.) Shared arrays
 * are allocated per block (zeroed) on the first request of a call site and
 * freed at the block's end; local arrays live in each thread's stack frame.
 *
 * The running launch hangs off a thread-local pointer, like the pending
 * error: each OS thread can run its own launch, and nested state is saved
 * and restored. An exception in a thread stops the launch with the error,
 * prefixed by the thread and block that raised it (as Numba's simulator
 * does); threads of that block still suspended at a barrier are abandoned,
 * and arrays they had allocated themselves are not freed. */
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>   /* tells valgrind about the threads' stacks */
#endif
#endif
#ifndef VALGRIND_STACK_REGISTER
#define VALGRIND_STACK_REGISTER(lo, hi) 0
#define VALGRIND_STACK_DEREGISTER(id) ((void)(id))
#endif

#include "rt.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

/* ---- switching between threads ----
 * On x86-64 a hand-written switch: it saves the callee-saved registers and
 * the SSE/x87 control words on the current stack and resumes the other
 * stack, ten times cheaper than swapcontext, which also saves and restores
 * the signal mask with a system call. Elsewhere, ucontext. */
#if defined(__x86_64__) && defined(__linux__)
#define SIM_FAST_SWITCH 1
void rt_sim_switch(void **save_sp, void *to_sp);
__asm__(".text\n"
        ".p2align 4\n"
        ".globl rt_sim_switch\n"
        ".hidden rt_sim_switch\n"
        ".type rt_sim_switch, @function\n"
        "rt_sim_switch:\n"
        "    pushq %rbp\n"
        "    pushq %rbx\n"
        "    pushq %r12\n"
        "    pushq %r13\n"
        "    pushq %r14\n"
        "    pushq %r15\n"
        "    subq $8, %rsp\n"
        "    stmxcsr (%rsp)\n"
        "    fnstcw 4(%rsp)\n"
        "    movq %rsp, (%rdi)\n"
        "    movq %rsi, %rsp\n"
        "    ldmxcsr (%rsp)\n"
        "    fldcw 4(%rsp)\n"
        "    addq $8, %rsp\n"
        "    popq %r15\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rbx\n"
        "    popq %rbp\n"
        "    ret\n"
        ".size rt_sim_switch, .-rt_sim_switch\n");
#else
#define SIM_FAST_SWITCH 0
#endif

/* Stack of one simulated thread: kernels are shallow, but libm calls, the
 * prelude's functions and local arrays take room, and rt_recursion_check
 * keeps 256 KiB in reserve. Reserved, not committed: only touched pages
 * cost memory (1 GiB of address space for a block of 1024 threads). */
#define SIM_STACK (1024 * 1024)
/* CUDA's limit on threads per block, which bounds the coroutines. */
#define SIM_MAX_BLOCK 1024

typedef enum { TH_RUN, TH_BARRIER, TH_DONE } ThState;

typedef struct SimThread {
#if SIM_FAST_SWITCH
    void *sp;               /* saved stack pointer while suspended */
#else
    ucontext_t uc;
#endif
    ThState state;
    int64_t tid[3];
    char *stack;            /* lowest usable address */
    unsigned vg_id;         /* valgrind's name of the stack */
} SimThread;

typedef struct SimShared {
    const void *key;
    void *mem;
} SimShared;

typedef struct Sim {
    const int64_t *dims;    /* grid x, y, z, block x, y, z */
    int64_t bid[3], tid[3];
    int (*tramp)(void **);
    void **argv;
    int coroutines;
    SimThread *th;
    int nth, cur;
#if SIM_FAST_SWITCH
    void *sched_sp;
#else
    ucontext_t sched;
#endif
    SimShared *shared;
    int nshared, capshared;
    int status;             /* 1 once a thread raised */
} Sim;

static _Thread_local Sim *sim_cur;

int64_t rt_cuda_sreg(int32_t code)
{
    Sim *s = sim_cur;
    if (!s || code < 0 || code >= 12)
        return 0;
    int axis = code % 3;
    switch (code / 3) {
    case 0: return s->tid[axis];
    case 1: return s->bid[axis];
    case 2: return s->dims[3 + axis];
    default: return s->dims[axis];
    }
}

void rt_cuda_syncthreads(void)
{
    Sim *s = sim_cur;
    if (!s || !s->coroutines)
        return;   /* a plain loop runs only kernels that never synchronize */
    SimThread *t = &s->th[s->cur];
    t->state = TH_BARRIER;
#if SIM_FAST_SWITCH
    rt_sim_switch(&t->sp, s->sched_sp);
#else
    swapcontext(&t->uc, &s->sched);
#endif
}

void *rt_cuda_shared(const void *key, int64_t nbytes)
{
    Sim *s = sim_cur;
    if (!s)
        return NULL;
    for (int i = 0; i < s->nshared; i++)
        if (s->shared[i].key == key)
            return s->shared[i].mem;
    if (s->nshared == s->capshared) {
        int cap = s->capshared ? 2 * s->capshared : 8;
        SimShared *n = rt_realloc(s->shared, (size_t)cap * sizeof *n);
        if (!n)
            return NULL;
        s->shared = n;
        s->capshared = cap;
    }
    void *m = rt_calloc(1, nbytes > 0 ? (size_t)nbytes : 1);
    if (m)
        s->shared[s->nshared++] = (SimShared){key, m};
    return m;
}

static void free_shared(Sim *s)
{
    for (int i = 0; i < s->nshared; i++)
        rt_free(s->shared[i].mem);
    s->nshared = 0;
}

/* Names the failing thread in its error, as Numba's simulator does. */
static void thread_failed(Sim *s)
{
    char where[160];
    snprintf(where, sizeof where, "tid=[%lld, %lld, %lld] ctaid=[%lld, %lld, %lld]: ", (long long)s->tid[0],
             (long long)s->tid[1], (long long)s->tid[2], (long long)s->bid[0], (long long)s->bid[1],
             (long long)s->bid[2]);
    rt_error_prefix(where);
    s->status = 1;
}

static void thread_main(void)
{
    Sim *s = sim_cur;
    if (s->tramp(s->argv) != 0 && !s->status)
        thread_failed(s);
    s->th[s->cur].state = TH_DONE;
#if SIM_FAST_SWITCH
    rt_sim_switch(&s->th[s->cur].sp, s->sched_sp);   /* never resumed */
    __builtin_unreachable();
#endif
    /* returning resumes uc_link: the scheduler */
}

/* A thread's stack before its first run: what rt_sim_switch pops (the
 * control words, six registers) and then thread_main as the return
 * address, with the alignment of a function entry (rsp = 8 mod 16). */
static void thread_init(Sim *s, SimThread *t)
{
#ifdef __SANITIZE_ADDRESS__
    /* the stack is reused block after block; the frames a suspended or
     * finished coroutine left on it never returned, so their redzones are
     * still poisoned in ASan's shadow */
    __asan_unpoison_memory_region(t->stack, SIM_STACK);
#endif
#if SIM_FAST_SWITCH
    uintptr_t top = ((uintptr_t)t->stack + SIM_STACK) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)top;
    *--sp = 0;                              /* thread_main's return address: never used */
    *--sp = (uint64_t)(uintptr_t)thread_main;
    for (int r = 0; r < 6; r++)
        *--sp = 0;                          /* rbp, rbx, r12..r15 */
    --sp;
    uint32_t mxcsr;
    uint16_t fpucw;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(fpucw));
    memcpy(sp, &mxcsr, 4);
    memcpy((char *)sp + 4, &fpucw, 2);
    t->sp = sp;
    (void)s;
#else
    getcontext(&t->uc);
    t->uc.uc_stack.ss_sp = t->stack;
    t->uc.uc_stack.ss_size = SIM_STACK;
    t->uc.uc_link = &s->sched;
    makecontext(&t->uc, thread_main, 0);
#endif
}

/* One block as coroutines, in rounds from barrier to barrier. */
static void run_block_coroutines(Sim *s)
{
    for (int i = 0; i < s->nth; i++) {
        SimThread *t = &s->th[i];
        t->state = TH_RUN;
        thread_init(s, t);
    }
    for (int waiting = 1; waiting && !s->status;) {
        waiting = 0;
        for (int i = 0; i < s->nth && !s->status; i++) {
            SimThread *t = &s->th[i];
            if (t->state == TH_DONE)
                continue;
            t->state = TH_RUN;
            s->cur = i;
            memcpy(s->tid, t->tid, sizeof s->tid);
            rt_stack_set((uintptr_t)t->stack);
#if SIM_FAST_SWITCH
            rt_sim_switch(&s->sched_sp, t->sp);
#else
            swapcontext(&s->sched, &t->uc);
#endif
            rt_stack_set(0);
            waiting |= t->state == TH_BARRIER;
        }
    }
}

static void run_block_loop(Sim *s)
{
    const int64_t *d = s->dims;
    for (int64_t z = 0; z < d[5] && !s->status; z++)
        for (int64_t y = 0; y < d[4] && !s->status; y++)
            for (int64_t x = 0; x < d[3] && !s->status; x++) {
                s->tid[0] = x;
                s->tid[1] = y;
                s->tid[2] = z;
                if (s->tramp(s->argv) != 0)
                    thread_failed(s);
            }
}

/* nth stacks in one reservation, each above a guard page, so a runaway
 * thread faults instead of writing into its neighbour. */
static char *map_stacks(Sim *s, size_t *len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), one = SIM_STACK + page;
    *len = one * (size_t)s->nth;
    char *m = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    for (int i = 0; i < s->nth; i++) {
        mprotect(m + one * (size_t)i, page, PROT_NONE);
        s->th[i].stack = m + one * (size_t)i + page;
        s->th[i].vg_id = VALGRIND_STACK_REGISTER(s->th[i].stack, s->th[i].stack + SIM_STACK);
    }
    return m;
}

int rt_cudasim_run(int (*tramp)(void **), int syncs, const int64_t *dims, void **argv)
{
    Sim sim = {.dims = dims, .tramp = tramp, .argv = argv}, *s = &sim;
    int64_t nth = dims[3] * dims[4] * dims[5];
    char *stacks = NULL;
    size_t stacks_len = 0;
    s->coroutines = syncs && nth > 1;
    if (s->coroutines) {
        s->nth = (int)nth;
        s->th = rt_calloc((size_t)nth, sizeof *s->th);
        if (s->th)
            stacks = map_stacks(s, &stacks_len);
        if (!stacks) {
            rt_free(s->th);
            rt_raise(JIT_ERR_MEMORY, "CUDA simulator: cannot allocate the threads' stacks", NULL, 0);
            return 1;
        }
        int i = 0;
        for (int64_t z = 0; z < dims[5]; z++)
            for (int64_t y = 0; y < dims[4]; y++)
                for (int64_t x = 0; x < dims[3]; x++, i++) {
                    s->th[i].tid[0] = x;
                    s->th[i].tid[1] = y;
                    s->th[i].tid[2] = z;
                }
    }
    Sim *outer = sim_cur;
    sim_cur = s;
    for (int64_t z = 0; z < dims[2] && !s->status; z++)
        for (int64_t y = 0; y < dims[1] && !s->status; y++)
            for (int64_t x = 0; x < dims[0] && !s->status; x++) {
                s->bid[0] = x;
                s->bid[1] = y;
                s->bid[2] = z;
                if (s->coroutines)
                    run_block_coroutines(s);
                else
                    run_block_loop(s);
                free_shared(s);
            }
    sim_cur = outer;
    rt_free(s->shared);
    if (stacks) {
        for (int i = 0; i < s->nth; i++)
            VALGRIND_STACK_DEREGISTER(s->th[i].vg_id);
        munmap(stacks, stacks_len);
    }
    rt_free(s->th);
    return s->status;
}
