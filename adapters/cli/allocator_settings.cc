// jemalloc's settings for build/xueji (linked in every build but the
// sanitized ones, which ignore this). It reads this symbol as it starts.
//
// background_thread: pages freed are given back to the system by a thread
// of jemalloc's own after their decay time (10 s). Without it jemalloc
// purges only while the program allocates, so an idle server kept what its
// start freed: at a million open cases, 358 MB against 259 MB with it, the
// deadline rows read at start and the query's buffers (issue 17,
// docs/performance.md, "Restart and /metrics at size").
extern "C" {
// NOLINTNEXTLINE: the name is jemalloc's.
const char* malloc_conf = "background_thread:true";
}
