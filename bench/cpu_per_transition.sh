# Sourced by scripts/bench.sh and bench/transitions_in_turns.sh: the one
# reckoning of a transition_bench run's CPU per transition, so the two
# print figures that compare.
#   - the engine's: the benchmark's own user and system time, from time(1)
#     run as `/usr/bin/time -f "cpu %U %S"`;
#   - PostgreSQL's: the CPU of the postmaster's reaped children, read
#     before the run and a second after it (the benchmark's backends exit
#     with it and are reaped by then).

# The postmaster's reaped children's CPU so far, in clock ticks, for the
# cluster whose data directory is $1.
postmaster_child_ticks() {
  local postmaster
  postmaster=$(head -1 "$1/postmaster.pid")
  awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
}

# "ENGINE_US PG_US": microseconds a transition. $1 the run's output (its
# requesters= line and time(1)'s cpu line), $2 and $3 the ticks before and
# after.
cpu_per_transition() {
  echo "$1" | awk -v before="$2" -v after="$3" -v hz="$(getconf CLK_TCK)" '
    /^requesters=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); n = (kv[1] == "transitions") ? kv[2] : n } }
    /^cpu / { cpu = $2 + $3 }
    END { if (n > 0) printf "%.1f %.1f\n", cpu * 1e6 / n, (after - before) / hz * 1e6 / n }'
}
