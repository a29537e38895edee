#!/usr/bin/env bash
# Runs one of the benchmarks (plain mains in the test classes); each prints `name value unit` lines.
#   scripts/benchmark.sh mask                 brush dabs, undo size, feather, invert at 1 MP and 8K
#   xvfb-run -a scripts/benchmark.sh mask-fx  pointer event to overlay pixels in the real canvas at 8K
#   scripts/benchmark.sh mask-ops             grow / shrink / feather of an 8K mask (engine-api MaskOps)
#   scripts/benchmark.sh color-match          colour matching at the seam on a 40 MP photo (engine-api ColorMatch)
#   scripts/benchmark.sh local-ops [rounds]   the transformer's element-wise ops before and after fusing, interleaved
#   scripts/benchmark.sh local [options]      one fill through the local engine (see engine-local/README.md),
#                                             then the reference's steps on the same model, size, steps and threads
#                                             (scripts/reference_step_benchmark.py; --reference DIR or
#                                             MASKFILL_FLUX_REFERENCE; --threads N, default all processors)
# MVN overrides the Maven command (e.g. MVN="mvn -o" offline).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-}
shift || true
case "$which" in
    mask) module=app; main=com.maskfill.app.mask.MaskPaintingBenchmark ;;
    mask-fx) module=app; main=com.maskfill.app.mask.MaskOverlayFxBenchmark ;;
    mask-ops) module=engine-api; main=com.maskfill.engine.api.pipeline.MaskOpsBenchmark ;;
    color-match) module=engine-api; main=com.maskfill.engine.api.pipeline.ColorMatchBenchmark ;;
    local) module=engine-local; main=com.maskfill.engine.local.bench.FillBenchmark ;;
    local-ops) module=engine-local; main=com.maskfill.engine.local.bench.OpsBenchmark ;;
    *) echo "usage: scripts/benchmark.sh mask|mask-fx|mask-ops|color-match|local|local-ops [options]" >&2; exit 2 ;;
esac
read -ra mvn <<< "${MVN:-mvn}"
"${mvn[@]}" -B -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
if [ "$which" = local-ops ]; then
    exec java -Xmx8g -Dai.djl.offline=true "-DDJL_CACHE_DIR=$module/target/djl-cache" -cp "$classpath" "$main" "$@"
fi
if [ "$which" != local ]; then
    exec java -Xmx8g -cp "$classpath" "$main" "$@"
fi

# Same defaults as FillBenchmark, so both sides run the same configuration.
declare -A opt=([--model]=tiny [--size]=64 [--steps]=4 [--precision]=fp32 [--device]=cpu
    [--max-sequence-length]=128 [--threads]="$(nproc)" [--reference]="${MASKFILL_FLUX_REFERENCE:-}")
for ((i = 1; i < $#; i += 2)); do
    j=$((i + 1))
    opt[${!i}]=${!j}
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
java -Xmx8g -Dai.djl.offline=true "-DDJL_CACHE_DIR=$module/target/djl-cache" \
    "-Dai.djl.pytorch.num_threads=${opt[--threads]}" -cp "$classpath" "$main" "$@" | tee "$out"

if [ -n "${opt[--model-dir]:-}" ] || [ "${opt[--device]}" != cpu ]; then
    echo "# reference skipped: it runs only the random tiny/mid models on the CPU"
    exit 0
fi
[ "${opt[--precision]}" = fp32 ] || echo "# note: the reference runs fp32, the engine ${opt[--precision]}"
python=${MASKFILL_REFERENCE_PYTHON:-}
if [ -z "$python" ]; then
    # Debian's torch lives in the system python3, which a pyenv or venv python3 on the PATH may hide.
    for candidate in python3 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import torch' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
fi
python=${python:-python3}
if ! command -v "$python" >/dev/null; then
    echo "# reference skipped: no python3"
    exit 0
fi
"$python" scripts/reference_step_benchmark.py --reference "${opt[--reference]}" --model "${opt[--model]}" \
    --size "${opt[--size]}" --steps "${opt[--steps]}" --threads "${opt[--threads]}" \
    --max-sequence-length "${opt[--max-sequence-length]}" | tee -a "$out"
awk '$1 == "local.s_per_step" { ls = $2 } $1 == "reference.s_per_step" { rs = $2 }
    $1 == "local.steps_peak_rss_mib" { lm = $2 } $1 == "reference.steps_peak_rss_mib" { rm = $2 }
    END {
        if (ls > 0 && rs > 0) printf "local.over_reference %.3g x\n", ls / rs
        if (lm > 0 && rm > 0) printf "local.over_reference_peak_rss %.3g x\n", lm / rm
    }' "$out"
