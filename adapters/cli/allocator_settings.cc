// jemalloc's settings for build/xueji (linked in every build but the
// sanitized ones, which ignore this). It reads this symbol as it starts.
//
// background_thread: pages freed are given back to the system by a thread
// of jemalloc's own after their decay time (10 s). Without it jemalloc
// purges only while the program allocates, so an idle server kept what its
// start freed: at a million open cases, 358 MB against 259 MB with it, the
// deadline rows read at start and the query's buffers (issue 17,
// docs/performance.md, "Restart and /metrics at size").
//
// thp:always: jemalloc asks the kernel for huge pages for its arenas
// (where the kernel gives them only when asked, as Debian's does). The
// deadline index is a hash map and a tree of ten million nodes each at a
// restart at that size, and filling it was bound by the address
// translations of its random accesses: ready in 20-22 s against 28-29 s.
// The cost: an idle server's RSS is 60 MB against 24 MB, and 38 MB more
// at ten million (issue 17, docs/performance.md, "A start that streams").
extern "C" {
// NOLINTNEXTLINE: the name is jemalloc's.
const char* malloc_conf = "background_thread:true,thp:always";
}
