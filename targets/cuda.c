/* cuda.c - the CUDA driver API, opened with dlopen("libcuda.so.1") on first
 * use so that libjit builds, links and runs on machines without a GPU.
 * For now: describing the driver and devices (jit sysinfo); launching lands
 * with the GPU issue. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "../jit/jit_int.h"

typedef int CUresult;
typedef int CUdevice;

void cuda_describe(char *buf, size_t n)
{
    void *h = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(buf, n, "no driver (libcuda.so.1 not found); GPU kernels can still be compiled to PTX");
        return;
    }
    CUresult (*init)(unsigned) = (CUresult (*)(unsigned))dlsym(h, "cuInit");
    CUresult (*ver)(int *) = (CUresult (*)(int *))dlsym(h, "cuDriverGetVersion");
    CUresult (*count)(int *) = (CUresult (*)(int *))dlsym(h, "cuDeviceGetCount");
    CUresult (*get)(CUdevice *, int) = (CUresult (*)(CUdevice *, int))dlsym(h, "cuDeviceGet");
    CUresult (*name)(char *, int, CUdevice) = (CUresult (*)(char *, int, CUdevice))dlsym(h, "cuDeviceGetName");
    CUresult (*attr)(int *, int, CUdevice) = (CUresult (*)(int *, int, CUdevice))dlsym(h, "cuDeviceGetAttribute");
    int v = 0, nd = 0;
    if (!init || !ver || !count || !get || !name || !attr) {
        snprintf(buf, n, "libcuda.so.1 lacks the driver API entry points");
    } else if (init(0) != 0) {
        snprintf(buf, n, "driver present but cuInit failed (no usable device?)");
    } else {
        ver(&v);
        count(&nd);
        int w = snprintf(buf, n, "driver %d.%d, %d device%s", v / 1000, (v % 1000) / 10, nd, nd == 1 ? "" : "s");
        for (int i = 0; i < nd && w > 0 && (size_t)w < n; i++) {
            CUdevice d;
            char nm[128] = "?";
            int maj = 0, min = 0;
            if (get(&d, i) == 0) {
                name(nm, sizeof nm, d);
                attr(&maj, 75, d); /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR */
                attr(&min, 76, d); /* ..._MINOR */
            }
            w += snprintf(buf + w, n - (size_t)w, "; %d: %s (sm_%d%d)", i, nm, maj, min);
        }
    }
    dlclose(h);
}
