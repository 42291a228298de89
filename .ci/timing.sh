# Shared by .ci/bench and .ci/compare (sourced): timing one run of a command, and a median.

wall() { # wall time of one run of a command, in seconds
  local s e
  s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
  echo "$s $e" | awk '{ print $2 - $1 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
